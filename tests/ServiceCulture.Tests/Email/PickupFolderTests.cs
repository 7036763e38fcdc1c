using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Email;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Email;

/// <summary>Without SMTP, mail goes to the pickup folder; a folder that cannot be written must not lose mail or break pages.</summary>
[Collection(EnginesCollection.Name)]
public sealed class PickupFolderTests
{
    [Fact]
    public async Task A_pickup_folder_that_cannot_be_written_leaves_the_email_pending_with_the_error_and_nothing_crashes()
    {
        using var folder = new TestFolder();
        var settings = PortalFactory.SqliteSettings(folder.File("pickup.db"));
        var blocker = folder.File("not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the pickup folder should be");
        settings["Email:PickupDirectory"] = Path.Combine(blocker, "mail");
        await using var portal = new PortalFactory(settings);

        using var client = portal.CreatePortalClient();
        using var asked = await client.SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = DemoOrganisation.EmployeeEmail });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);

        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var reset = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == EmailKind.PasswordReset);
        Assert.Equal(OutboxStatus.Pending, reset.Status);
        Assert.False(string.IsNullOrWhiteSpace(reset.LastError));

        var result = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddDays(1), CancellationToken.None);
        Assert.Equal(0, result.Sent);
        Assert.True(result.Failed > 0);

        using var admin = portal.CreatePortalClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var page = await admin.GetDocumentAsync($"/Admin/Outbox/{reset.Id}");
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-testid=outbox-error]")?.TextContent));
    }
}
