using Microsoft.Extensions.Configuration;
using StaffCloudSync.Cli.Infrastructure;

namespace StaffCloudSync.Cli.Configuration;

/// <summary>
/// The app settings the operator commands run with — the Functions app's, by the same names: the environment
/// variables, then the <c>--settings</c> file's <c>Values</c> over them, each name's <c>__</c> read as the section
/// separator <c>:</c>, as the Functions host reads them.
/// </summary>
/// <remarks>
/// The file wins over the environment (unlike <c>func start</c>): it is what the operator named on this very command
/// line, and a variable left over in the shell must not quietly point a command at another storage account.
/// </remarks>
internal static class CliConfiguration
{
    public static IConfiguration Build(CliContext context, string? settingsFile)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in context.Environment)
        {
            values[Key(name)] = value;
        }

        if (settingsFile is not null)
        {
            foreach (var (name, value) in LocalSettingsFile.Read(settingsFile))
            {
                values[Key(name)] = value;
            }
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static string Key(string name) => name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
}
