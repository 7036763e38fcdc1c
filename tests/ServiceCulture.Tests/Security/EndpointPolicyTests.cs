using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Tests.Infrastructure;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Tests.Security;

/// <summary>Every endpoint the portal maps names a policy, or is on the short list of anonymous ones.</summary>
public sealed class EndpointPolicyTests(AppFixture app) : AppTest(app)
{
    private static readonly HashSet<string> AnonymousRoutes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Error",
        "Invitations/Accept",
        "Unsubscribe",
        "Identity/Account/Login",
        "Identity/Account/LoginWith2fa",
        "Identity/Account/LoginWithRecoveryCode",
        "Identity/Account/Lockout",
        "Identity/Account/ForgotPassword",
        "Identity/Account/ForgotPasswordConfirmation",
        "Identity/Account/ResetPassword",
        "Identity/Account/ResetPasswordConfirmation",
        "Identity/Account/Logout",
        "health/live",
        "health/ready",
    };

    private static readonly HashSet<string> KnownPolicies = [Policies.Employee, Policies.Manager, Policies.Admin];

    [Fact]
    public void Every_endpoint_names_a_policy_or_is_an_explicit_anonymous_page()
    {
        var endpoints = App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);

        var problems = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText?.Trim('/') ?? "";
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null)
            {
                continue;
            }

            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => !string.IsNullOrEmpty(p)).ToList();
            if (anonymous)
            {
                if (!AnonymousRoutes.Contains(route))
                {
                    problems.Add($"'{route}' allows anonymous access but is not on the anonymous list");
                }
            }
            else if (policies.Count == 0 || policies.Any(p => !KnownPolicies.Contains(p!)))
            {
                problems.Add($"'{route}' ({endpoint.DisplayName}) names no known policy ({string.Join(", ", policies)})");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_listed_anonymous_page_exists()
    {
        var routes = App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText?.Trim('/') ?? "")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(AnonymousRoutes, route => Assert.Contains(route, routes));
    }
}
