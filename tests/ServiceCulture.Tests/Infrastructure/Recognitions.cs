using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>Helpers for tests that recognise colleagues through the real form.</summary>
public static class Recognitions
{
    public static Dictionary<string, string> Form(int recipient, int points = 10, string message = "Thank you for fixing the refund before the weekend, the customer noticed.", string elements = "Focus") => new()
    {
        ["Form.RecipientIds"] = recipient.ToString(CultureInfo.InvariantCulture),
        ["Form.Message"] = message,
        ["Form.Elements"] = elements,
        ["Form.Points"] = points.ToString(CultureInfo.InvariantCulture),
    };

    public static async Task<HttpResponseMessage> GiveAsync(PortalClient client, Dictionary<string, string> form) =>
        await client.SubmitFormAsync("/Recognition/Give", form, "#recognition-form");

    public static async Task<long> GiveOrFailAsync(PortalClient client, Dictionary<string, string> form)
    {
        using var response = await GiveAsync(client, form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Recognising answered {(int)response.StatusCode}: {Errors(body)}");
        return long.Parse(response.Headers.Location!.OriginalString["/Recognition/".Length..], CultureInfo.InvariantCulture);
    }

    public static string Errors(string html) =>
        string.Join(" / ", PortalClient.Parse(html).QuerySelectorAll(".field-validation-error, .validation-summary-errors").Select(e => e.TextContent.Trim()));

    public static Task<int> PointsAsync(IPortalHost app, int employeeId) =>
        app.WithDbAsync(db => db.PointsLedger.Where(e => e.EmployeeId == employeeId).SumAsync(e => e.Amount));

    public static Task<int> CountAsync(IPortalHost app) => app.WithDbAsync(db => db.Recognitions.CountAsync());

    /// <summary>
    /// Gives the people a whole allowance for this month. The demo's recognitions are dated relative
    /// to today, so how much of the current month they used depends on the calendar day.
    /// </summary>
    public static async Task FreshAllowanceAsync(IPortalHost app, params string[] emails) =>
        await app.WithDbAsync(db => db.Allowances.Where(a => db.Users.Any(u => u.Id == a.EmployeeId && emails.Contains(u.Email!))).ExecuteDeleteAsync());
}
