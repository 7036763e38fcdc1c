namespace ServiceCulture.Email;

/// <summary>
/// What an email says, independent of how it looks: the templates turn it into HTML and plain text.
/// Links are paths inside the portal; the templates make them absolute.
/// </summary>
public sealed record EmailContent
{
    public string Subject { get; init; } = "";

    /// <summary>The line mail clients show after the subject.</summary>
    public string Preheader { get; init; } = "";

    public string Heading { get; init; } = "";
    public IReadOnlyList<string> Paragraphs { get; init; } = [];
    public IReadOnlyList<EmailStat> Stats { get; init; } = [];
    public IReadOnlyList<EmailSection> Sections { get; init; } = [];
    public EmailLink? Action { get; init; }

    /// <summary>One practical line on a service practice.</summary>
    public string? Tip { get; init; }
}

public sealed record EmailStat(string Label, string Value);

public sealed record EmailSection(string Heading, IReadOnlyList<EmailItem> Items);

public sealed record EmailItem(string Title, string Text, string? Link = null);

public sealed record EmailLink(string Label, string Path);

/// <summary>An email ready to render: its content and what the frame around it needs.</summary>
public sealed record EmailView(EmailContent Content, string RecipientName, EmailTopic Topic, string? UnsubscribeToken);

public sealed record RenderedEmail(string Html, string Text, string? UnsubscribeUrl);

/// <summary>Turns email content into HTML and text; the web project renders its Razor templates.</summary>
public interface IEmailTemplates
{
    Task<RenderedEmail> RenderAsync(EmailView view, CancellationToken cancellationToken);
}

public static class EmailTopics
{
    public static EmailTopic Of(EmailKind kind) => kind switch
    {
        EmailKind.PasswordReset or EmailKind.Invitation => EmailTopic.Account,
        EmailKind.RecognitionReceived or EmailKind.BadgeEarned or EmailKind.CommentOnMoment => EmailTopic.Recognition,
        EmailKind.Nudge => EmailTopic.Nudges,
        EmailKind.WeeklyDigest => EmailTopic.WeeklyDigest,
        // Review steps ask something of the person, as account mail does, so they cannot be turned off.
        EmailKind.ReviewShared or EmailKind.SelfAssessmentRequested or EmailKind.FeedbackRequested
            or EmailKind.FeedbackReminder or EmailKind.ReviewReopened => EmailTopic.Account,
        EmailKind.ReviewAcknowledged or EmailKind.MonthlyReport => EmailTopic.ManagerReports,
        _ => EmailTopic.Account,
    };

    /// <summary>The topics a person can turn off, with the words the profile and the unsubscribe page use.</summary>
    public static readonly IReadOnlyList<(EmailTopic Topic, string Label, string Hint)> Optional =
    [
        (EmailTopic.Recognition, "Recognition emails", "When a colleague recognises you, you earn a badge or someone comments on your moment."),
        (EmailTopic.Nudges, "Nudges", "At most a couple a week, when a habit is slipping: no moment for a while, a streak about to end, an open misery."),
        (EmailTopic.WeeklyDigest, "Weekly digest", "Monday morning: your week and your team's highlights."),
        (EmailTopic.ManagerReports, "Manager reports", "For managers and admins: teammates nobody recognised lately, your team's open miseries, reviews acknowledged, the monthly six-element report."),
    ];

    public static string Label(EmailTopic topic) =>
        Optional.FirstOrDefault(o => o.Topic == topic).Label ?? "Account emails";
}
