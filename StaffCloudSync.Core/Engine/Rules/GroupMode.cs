namespace StaffCloudSync.Core.Engine.Rules;

/// <summary>The tenant setting <c>GroupBy</c> (sync-rules.md, "event group"): what one sync-owned group stands for.</summary>
public enum GroupMode { Event, Project }

public static class GroupModeText
{
    public static GroupNameSubject Subject(this GroupMode mode) => mode == GroupMode.Project ? GroupNameSubject.Project : GroupNameSubject.Event;

    public static string Format(GroupMode mode) => mode == GroupMode.Project ? "project" : "event";

    public static bool TryParse(string? text, out GroupMode mode)
    {
        var upper = text?.Trim().ToUpperInvariant();
        mode = upper == "PROJECT" ? GroupMode.Project : GroupMode.Event;
        return upper is "EVENT" or "PROJECT";
    }
}
