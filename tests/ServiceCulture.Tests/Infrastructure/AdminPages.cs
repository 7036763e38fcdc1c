using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>Helpers for the admin pages: people by email, and uploading a file through the import form.</summary>
public static class AdminPages
{
    public static Task<int> IdOfAsync(IPortalHost app, string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync());

    /// <summary>Posts the import form with the file as a browser would, and returns the response.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(PortalClient client, byte[] file, string fileName = "people.csv", bool deactivateMissing = false, bool sendInvitations = false)
    {
        var page = await client.GetDocumentAsync("/Admin/People/Import");
        var token = ((IHtmlInputElement)page.QuerySelector("#import-form input[name=__RequestVerificationToken]")!).Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var bytes = new ByteArrayContent(file);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(bytes, "File", fileName);
        if (deactivateMissing)
        {
            content.Add(new StringContent("true"), "DeactivateMissing");
        }

        if (sendInvitations)
        {
            content.Add(new StringContent("true"), "SendInvitations");
        }

        return await client.Http.PostAsync(new Uri("/Admin/People/Import", UriKind.Relative), content);
    }

    /// <summary>Uploads a file that must be previewed, and returns the import's id.</summary>
    public static async Task<long> PreviewAsync(PortalClient client, string csv, bool deactivateMissing = false, bool sendInvitations = false)
    {
        using var response = await UploadAsync(client, System.Text.Encoding.UTF8.GetBytes(csv), deactivateMissing: deactivateMissing, sendInvitations: sendInvitations);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Upload answered {(int)response.StatusCode}: {PortalClient.Shorten(body)}");
        var location = response.Headers.Location!.OriginalString;
        return long.Parse(location[(location.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public const string Header = "name,email,team,manager email,role,time zone,job title";
}
