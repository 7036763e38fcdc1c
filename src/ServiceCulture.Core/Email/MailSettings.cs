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
}
