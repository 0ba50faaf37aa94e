namespace StaffCloudSync.Tests.Infra;

/// <summary>The function app's app settings as the template sets them: name → value or ARM expression.</summary>
internal static class InfraAppSettings
{
    public static Dictionary<string, string> Read(ArmResource functionApp) =>
        functionApp.At("properties.siteConfig.appSettings")!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"]!.GetValue<string>(), StringComparer.Ordinal);

    public static Dictionary<string, string> Read() => Read(InfraBuild.Main.AllOfType("Microsoft.Web/sites").Single());
}
