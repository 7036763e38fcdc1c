// One browser and one portal server are shared; tests drive them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
