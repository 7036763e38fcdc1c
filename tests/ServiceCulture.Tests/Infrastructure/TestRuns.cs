namespace ServiceCulture.Tests.Infrastructure;

/// <summary>
/// The trait that marks the tests that start the built portal as operating-system processes.
/// They spend most of their time waiting on those processes, so test.sh runs them in a
/// `dotnet test` of their own beside the rest (<c>--filter Run=Processes</c> and <c>Run!=Processes</c>).
/// </summary>
public static class TestRuns
{
    public const string Trait = "Run";
    public const string Processes = "Processes";
}
