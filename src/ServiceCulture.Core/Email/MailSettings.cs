namespace ServiceCulture.Email;

/// <summary>How mail leaves the portal: SMTP when a host is set, otherwise <c>.eml</c> files in a pickup folder.</summary>
public sealed class MailSettings
{
    public const string Section = "Email";

    public string FromAddress { get; set; } = "serviceculture@localhost";
    public string FromName { get; set; } = "ServiceCulture";

    /// <summary>Folder for <c>.eml</c> files when no SMTP host is set; relative to the content root.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Attempts before an email is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles with each further failure, up to six hours.</summary>
    public int RetryAfterSeconds { get; set; } = 60;

    /// <summary>Recognitions for one person arriving within this many minutes go out as one email.</summary>
    public int RecognitionBatchMinutes { get; set; } = 5;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>None, StartTls, SslOnConnect or Auto.</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }
    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}
