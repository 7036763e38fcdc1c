namespace ServiceCulture.Tests.Infrastructure;

/// <summary>A temporary folder removed when the test or fixture ends.</summary>
public sealed class TestFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("serviceculture-tests-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a closing host is left to the OS's temp cleanup.
        }
    }
}
