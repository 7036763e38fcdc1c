using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ServiceCulture.Demo;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>An HTTP client that behaves like a browser for forms: it keeps cookies and posts antiforgery tokens.</summary>
public sealed class PortalClient(HttpClient http, CookieContainer cookies) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;
    public CookieContainer Cookies { get; } = cookies;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(new Uri(url, UriKind.Relative));

    public async Task<IHtmlDocument> GetDocumentAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url} answered {(int)response.StatusCode}, expected {(int)expected}. {Shorten(body)}");
        return Parser.ParseDocument(body);
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>Opens the page, fills its form (the first one, or the one matching the selector) and posts it.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string formSelector = "main form[method=post]")
    {
        var page = await GetDocumentAsync(pageUrl);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl}.");
        return await PostFormAsync(form, pageUrl, fields);
    }

    /// <summary>Posts the form as a browser would: its own field values (hidden ones included), overridden by <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(IHtmlFormElement form, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields)
    {
        if (form.QuerySelector("input[name=__RequestVerificationToken]") is null)
        {
            throw new InvalidOperationException($"The form on {pageUrl} has no antiforgery token.");
        }

        var values = new List<KeyValuePair<string, string>>();
        var overridden = fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]"))
        {
            if (overridden.Contains(input.Name!) || input.Type is "submit" or "button" || input.IsDisabled)
            {
                continue;
            }

            if (input.Type is "checkbox" or "radio")
            {
                if (input.IsChecked)
                {
                    values.Add(new(input.Name!, input.Value));
                }

                continue;
            }

            values.Add(new(input.Name!, input.Value));
        }

        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select[name]"))
        {
            if (!overridden.Contains(select.Name!) && select.SelectedOptions.FirstOrDefault() is { } option)
            {
                values.Add(new(select.Name!, option.Value));
            }
        }

        foreach (var area in form.QuerySelectorAll<IHtmlTextAreaElement>("textarea[name]"))
        {
            if (!overridden.Contains(area.Name!))
            {
                values.Add(new(area.Name!, area.Value));
            }
        }

        values.AddRange(fields);
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        return await PostAsync(target, values);
    }

    public Task<HttpResponseMessage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> values) =>
        Http.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(values));

    public async Task<HttpResponseMessage> SignInAsync(string email, string password = DemoOrganisation.Password) =>
        await SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = "false",
        });

    public async Task SignInOrFailAsync(string email, string password = DemoOrganisation.Password)
    {
        using var response = await SignInAsync(email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in as {email} answered {(int)response.StatusCode}.");
    }

    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var home = await GetDocumentAsync("/");
        var form = home.QuerySelector("form[action='/Identity/Account/Logout']") as IHtmlFormElement
            ?? throw new InvalidOperationException("No sign-out form on the home page.");
        return await PostFormAsync(form, "/", []);
    }

    public static string Shorten(string body) => body.Length > 600 ? body[..600] + "…" : body;

    public void Dispose() => Http.Dispose();
}
