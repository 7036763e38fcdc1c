using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>Helpers for tests that log moments through the real form.</summary>
public static class Moments
{
    public static Dictionary<string, string> ValidForm(string title = "Helped a colleague with a tricky refund", string kind = "Magic", string visibility = "Everyone") => new()
    {
        ["Form.Kind"] = kind,
        ["Form.Title"] = title,
        ["Form.Story"] = "The customer needed a refund before the weekend. I checked the order, **fixed it** and called back.",
        ["Form.OccurredOn"] = TestClock.Start.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Form.CustomerType"] = "External",
        ["Form.ExternalCustomer"] = "a caller about a refund",
        ["Form.Elements"] = "Focus",
        ["Form.Lesson"] = "Call back before they chase.",
        ["Form.Visibility"] = visibility,
    };

    /// <summary>Logs a moment through /Moments/New and returns its id.</summary>
    public static async Task<long> LogAsync(PortalClient client, Dictionary<string, string> form)
    {
        using var response = await client.SubmitFormAsync("/Moments/New", form, "#moment-form");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Logging answered {(int)response.StatusCode}: {PortalClient.Shorten(body)}");
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Moments/", location, StringComparison.Ordinal);
        return long.Parse(location["/Moments/".Length..], CultureInfo.InvariantCulture);
    }

    public static async Task<long> IdOfAsync(IPortalHost app, string title) =>
        await app.WithDbAsync(db => db.Moments.Where(m => m.Title == title).Select(m => m.Id).SingleAsync());

    public static async Task<int> PersonAsync(IPortalHost app, string email) =>
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    public static Task<int> CountAsync(IPortalHost app) => app.WithDbAsync(db => db.Moments.CountAsync());

    public static Task<Moment> LoadAsync(IPortalHost app, long id) =>
        app.WithDbAsync(db => db.Moments.AsNoTracking().Include(m => m.Steps).SingleAsync(m => m.Id == id));

    public static Dictionary<string, string> RecoveryForm(string title = "Turned it around") => new()
    {
        ["Form.Title"] = title,
        ["Form.Story"] = "Called them, apologised, fixed the cause and sent a replacement at our cost.",
        ["Form.OccurredOn"] = TestClock.Start.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Form.CustomerType"] = "External",
        ["Form.Elements"] = "ProblemSolving",
        ["Form.Visibility"] = "Everyone",
        ["Form.Steps[0].Done"] = "true",
        ["Form.Steps[0].Note"] = "Fixed it before asking why.",
        ["Form.Steps[1].Done"] = "true",
        ["Form.Steps[3].Done"] = "true",
        ["Form.Steps[3].Note"] = "The address check is now part of every move.",
    };

    public static AppDbContext Db(this Microsoft.Extensions.DependencyInjection.AsyncServiceScope scope) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<AppDbContext>(scope.ServiceProvider);
}
