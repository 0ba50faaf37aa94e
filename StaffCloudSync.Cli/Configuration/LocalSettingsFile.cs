using System.Text.Json;

namespace StaffCloudSync.Cli.Configuration;

/// <summary>
/// A settings file in the Functions' local.settings.json format: the app settings are the <c>Values</c> object,
/// named as environment variables (<c>Secrets__Provider</c>). Other keys (<c>IsEncrypted</c>, <c>Host</c>) are the
/// Functions host's and are ignored.
/// </summary>
internal static class LocalSettingsFile
{
    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.InvalidInput, $"--settings: cannot read '{path}': {e.Message}");
        }

        JsonElement values;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Values", out var found)
                || found.ValueKind != JsonValueKind.Object)
            {
                throw new CliException(ExitCodes.InvalidInput,
                    $"--settings: '{path}' has no \"Values\" object; write it like local.settings.sample.json: {{\"Values\": {{\"AzureWebJobsStorage\": \"…\"}}}}");
            }

            values = found.Clone();
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.InvalidInput, $"--settings: '{path}' is not valid JSON ({e.Message})");
        }

        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in values.EnumerateObject())
        {
            settings[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => property.Value.GetRawText(),
                _ => throw new CliException(ExitCodes.InvalidInput,
                    string.Create(CultureInfo.InvariantCulture, $"--settings: '{path}': Values.{property.Name} must be a string, number or boolean")),
            };
        }

        return settings;
    }
}
