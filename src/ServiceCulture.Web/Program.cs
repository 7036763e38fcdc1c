using ServiceCulture.Data;
using ServiceCulture.Web.Hosting;

if (args.Contains(HealthProbe.Argument))
{
    // Container images have no curl: the portal probes its own liveness endpoint.
    return await HealthProbe.RunAsync();
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceCulture();

    var app = builder.Build();
    await app.PrepareDatabaseAsync(args);
    if (PeopleImportCommand.IsRequested(args))
    {
        return await PeopleImportCommand.RunAsync(app, args);
    }

    await PeopleImportCommand.ResumeUnfinishedAsync(app);
    app.UseServiceCulture();
    await app.RunAsync();
    return 0;
}
catch (StartupConfigurationException error)
{
    await Console.Error.WriteLineAsync($"ServiceCulture cannot start: {error.Message}");
    return 1;
}

/// <summary>The web host's entry point, visible to the test host.</summary>
public partial class Program;
