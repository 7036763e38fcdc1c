using System.Net;
using System.Text.Json;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Hosting;

public sealed class HealthTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Liveness_answers_without_touching_dependencies()
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_reports_the_database_and_the_job_storage()
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("jobs").GetProperty("status").GetString());
    }
}
