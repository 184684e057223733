namespace PharmacyPos.Web.Infrastructure.Configuration;

/// <summary>A setting is missing or malformed. The message names the setting so operations can fix it.</summary>
public sealed class PosConfigurationException(string setting, string problem)
    : Exception($"Setting '{setting}' {problem}")
{
    public string Setting { get; } = setting;
}
