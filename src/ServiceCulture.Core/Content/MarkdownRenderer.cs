using Ganss.Xss;
using Markdig;

namespace ServiceCulture.Content;

/// <summary>
/// Turns people's Markdown into safe HTML: raw HTML in the source is shown as text, and the output
/// passes through a sanitiser that keeps only simple formatting and http(s)/mailto links.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private readonly HtmlSanitizer sanitizer;

    public MarkdownRenderer()
    {
        sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "strong", "em", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4", "h5", "h6", "hr",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        });
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement anchor)
            {
                anchor.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
    }

    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }

        // Headings from people's stories start at level 3, below the page's own headings.
        var html = Markdown.ToHtml(markdown, Pipeline)
            .Replace("<h1", "<h3", StringComparison.Ordinal).Replace("</h1>", "</h3>", StringComparison.Ordinal)
            .Replace("<h2", "<h4", StringComparison.Ordinal).Replace("</h2>", "</h4>", StringComparison.Ordinal);
        return sanitizer.Sanitize(html);
    }

    /// <summary>Plain text for previews and mail, shortened at a word boundary.</summary>
    public static string Excerpt(string? markdown, int maxLength = 240)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }

        var text = Markdown.ToPlainText(markdown, Pipeline);
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', maxLength);
        return string.Concat(text.AsSpan(0, cut > maxLength / 2 ? cut : maxLength), "…");
    }
}
