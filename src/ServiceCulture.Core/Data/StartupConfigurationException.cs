namespace ServiceCulture.Data;

/// <summary>A setting that stops start-up, with one line saying what to fix.</summary>
public sealed class StartupConfigurationException(string message) : Exception(message);
