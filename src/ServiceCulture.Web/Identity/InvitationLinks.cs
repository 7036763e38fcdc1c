using ServiceCulture.People;

namespace ServiceCulture.Web.Identity;

/// <summary>
/// Invitation links point at the address the admin is using, or at <c>App:BaseUrl</c> when no request
/// is at hand (the import job, the command line).
/// </summary>
public sealed class InvitationLinks(IHttpContextAccessor accessor, IConfiguration configuration) : IInvitationLinks
{
    public const string AcceptPath = "/Invitations/Accept";

    public string AcceptUrl(string token)
    {
        var request = accessor.HttpContext?.Request;
        var configured = configuration["App:BaseUrl"]?.TrimEnd('/');
        var baseUrl = configured is { Length: > 0 } ? configured
            : request is not null ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : "http://localhost:5080";
        return $"{baseUrl}{AcceptPath}?token={Uri.EscapeDataString(token)}";
    }
}
