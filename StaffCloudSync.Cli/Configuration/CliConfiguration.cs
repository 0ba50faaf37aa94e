using StaffCloudSync.Cli.Infrastructure;

namespace StaffCloudSync.Cli.Configuration;

/// <summary>The app settings by the Functions app's names: the environment variables, then the <c>--settings</c> file's <c>Values</c>
/// over them (unlike <c>func start</c>: a variable left in the shell must not quietly point a command at another storage account).</summary>
internal static class CliConfiguration
{
    public static IConfiguration Build(CliContext context, string? settingsFile)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in context.Environment.Concat(settingsFile is null ? [] : ReadSettingsFile(settingsFile)))
            values[name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    /// <summary>A local.settings.json: its <c>Values</c>, named as environment variables; its other keys are the host's.</summary>
    private static List<KeyValuePair<string, string?>> ReadSettingsFile(string path)
    {
        JsonElement values;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Values", out var found)
                || found.ValueKind != JsonValueKind.Object)
            {
                throw new CliException(ExitCodes.InvalidInput,
                    $"--settings: '{path}' has no \"Values\" object; write it like local.settings.sample.json: {{\"Values\": {{\"AzureWebJobsStorage\": \"…\"}}}}");
            }

            values = found.Clone();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.InvalidInput, $"--settings: cannot read '{path}': {e.Message}");
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.InvalidInput, $"--settings: '{path}' is not valid JSON ({e.Message})");
        }

        return values.EnumerateObject().Select(property => KeyValuePair.Create(property.Name, property.Value.ValueKind switch
        {
            JsonValueKind.String => property.Value.GetString(),
            JsonValueKind.Null => null,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => property.Value.GetRawText(),
            _ => throw new CliException(ExitCodes.InvalidInput,
                string.Create(CultureInfo.InvariantCulture, $"--settings: '{path}': Values.{property.Name} must be a string, number or boolean")),
        })).ToList();
    }
}
