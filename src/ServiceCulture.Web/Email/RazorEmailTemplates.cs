using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using ServiceCulture.Email;

namespace ServiceCulture.Web.Email;

/// <summary>Absolute links for mail, from <c>App:BaseUrl</c>.</summary>
public sealed class EmailLinks(IConfiguration configuration)
{
    public string BaseUrl { get; } = (configuration["App:BaseUrl"] is { Length: > 0 } url ? url : "http://localhost:5080").TrimEnd('/');

    public string Absolute(string path) =>
        Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? path : BaseUrl + "/" + path.TrimStart('/');

    public string Unsubscribe(string token) => $"{BaseUrl}/Unsubscribe?token={Uri.EscapeDataString(token)}";
}

/// <summary>Renders emails from the <see cref="PortalEmail"/> Razor component, and the same content as plain text.</summary>
/// <remarks>
/// A renderer serves many emails (a dispatch run renders hundreds); it keeps each rendered
/// component until disposed, so it is renewed every <see cref="RendersPerRenderer"/> emails.
/// </remarks>
public sealed class RazorEmailTemplates(IServiceProvider services, ILoggerFactory loggers, EmailLinks links) : IEmailTemplates, IAsyncDisposable
{
    private const int RendersPerRenderer = 100;
    private HtmlRenderer? shared;
    private int renders;

    public async Task<RenderedEmail> RenderAsync(EmailView view, CancellationToken cancellationToken)
    {
        var unsubscribe = view.UnsubscribeToken is { } token ? links.Unsubscribe(token) : null;
        if (shared is not null && renders >= RendersPerRenderer)
        {
            await shared.DisposeAsync();
            shared = null;
        }

        if (shared is null)
        {
            shared = new HtmlRenderer(services, loggers);
            renders = 0;
        }

        var renderer = shared;
        renders++;
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(PortalEmail.View)] = view,
                [nameof(PortalEmail.Links)] = links,
                [nameof(PortalEmail.UnsubscribeUrl)] = unsubscribe,
            });
            var output = await renderer.RenderComponentAsync<PortalEmail>(parameters);
            return output.ToHtmlString();
        });
        return new RenderedEmail(html, Text(view, unsubscribe), unsubscribe);
    }

    public async ValueTask DisposeAsync()
    {
        if (shared is not null)
        {
            await shared.DisposeAsync();
        }
    }

    private string Text(EmailView view, string? unsubscribe)
    {
        var content = view.Content;
        var text = new StringBuilder();
        text.AppendLine(content.Heading).AppendLine();
        text.AppendLine($"Hello {view.RecipientName},").AppendLine();
        foreach (var paragraph in content.Paragraphs)
        {
            text.AppendLine(paragraph).AppendLine();
        }

        foreach (var stat in content.Stats)
        {
            text.AppendLine($"- {stat.Label}: {stat.Value}");
        }

        if (content.Stats.Count > 0)
        {
            text.AppendLine();
        }

        foreach (var section in content.Sections)
        {
            text.AppendLine(section.Heading).AppendLine(new string('-', section.Heading.Length));
            foreach (var item in section.Items)
            {
                text.AppendLine($"* {item.Title}").AppendLine($"  {item.Text}");
                if (item.Link is { } link)
                {
                    text.AppendLine($"  {links.Absolute(link)}");
                }
            }

            text.AppendLine();
        }

        if (content.Action is { } action)
        {
            text.AppendLine($"{action.Label}: {links.Absolute(action.Path)}").AppendLine();
        }

        if (content.Tip is { } tip)
        {
            text.AppendLine($"Tip: {tip}").AppendLine();
        }

        text.AppendLine("--");
        text.AppendLine(unsubscribe is null
            ? "This email is about your account in ServiceCulture."
            : $"Unsubscribe from {EmailTopics.Label(view.Topic).ToLowerInvariant()}: {unsubscribe}");
        return text.ToString();
    }
}
