// Test hosts share Hangfire's process-wide configuration; they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
