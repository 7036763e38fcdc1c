using System.Net;

namespace ServiceCulture.Web.Hosting;

/// <summary>
/// Whether the portal insists on TLS. Outside Development it does: session and antiforgery cookies
/// are <c>Secure</c> with the <c>__Host-</c> prefix, and a request that did not arrive over https
/// (directly, or through a proxy whose forwarded headers are trusted) gets a page saying how to
/// configure TLS instead of a form that cannot work. <c>Security:AllowPlainHttp</c> lets cookies
/// follow the request's scheme instead, for a trial on a machine with no TLS in front.
/// </summary>
public sealed record TransportSecurity(bool RequiresTls)
{
    public const string AllowPlainHttpSetting = "Security:AllowPlainHttp";

    public static TransportSecurity From(IConfiguration configuration, IWebHostEnvironment environment) =>
        new(!environment.IsDevelopment() && !configuration.GetValue(AllowPlainHttpSetting, false));

    public CookieSecurePolicy CookieSecurePolicy => RequiresTls ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    /// <summary>Browsers accept a <c>__Host-</c> cookie only when it is Secure, so the prefix comes with TLS.</summary>
    public string CookieName(string name) => RequiresTls ? "__Host-" + name : name;
}

/// <summary>Answers plain-http requests with a help page when the portal requires TLS.</summary>
public static class PlainHttpRefusal
{
    /// <summary>Load balancers and the container's health check probe over plain http inside the network.</summary>
    private static readonly PathString Health = "/health";

    public static IApplicationBuilder UsePlainHttpRefusal(this IApplicationBuilder app, TransportSecurity transport)
    {
        if (!transport.RequiresTls)
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            if (context.Request.IsHttps || context.Request.Path.StartsWithSegments(Health, StringComparison.OrdinalIgnoreCase))
            {
                return next(context);
            }

            // 403 as for "SSL required": the request is understood, but not accepted over this transport.
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.WriteAsync(Page(context.Request.Host.Value ?? "this address"));
        });
    }

    private static string Page(string host) =>
        $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>This portal needs https · ServiceCulture</title>
        </head>
        <body>
        <main>
        <h1>This portal needs https</h1>
        <p>ServiceCulture was reached over plain http at {{WebUtility.HtmlEncode(host)}}. Outside development it only
        signs people in over https, so that session cookies never travel unencrypted.</p>
        <h2>How to fix it</h2>
        <p>Whoever runs the portal chooses one of these:</p>
        <ol>
        <li><strong>A reverse proxy that terminates TLS</strong> (nginx, Caddy, Traefik, a cloud load balancer) in front of the
        portal, sending <code>X-Forwarded-Proto: https</code>, with <code>Hosting__ForwardedHeaders=true</code> set on the portal.</li>
        <li><strong>TLS in the portal itself</strong>: an https address in <code>ASPNETCORE_URLS</code> with a certificate
        (<code>Kestrel__Certificates__Default__Path</code> and <code>__Password</code>), and
        <code>Hosting__HttpsRedirection=true</code> to send http visitors to https.</li>
        <li><strong>A local trial without TLS</strong>: set <code>Security__AllowPlainHttp=true</code>. Cookies then follow the
        request's scheme; never do this where the traffic crosses a network you do not control.</li>
        </ol>
        <p>The deployment section of the README explains each option.</p>
        </main>
        </body>
        </html>
        """;
}
