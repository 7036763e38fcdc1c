namespace ServiceCulture.Settings;

/// <summary>One admin-editable setting, stored as text.</summary>
public sealed class Setting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}
