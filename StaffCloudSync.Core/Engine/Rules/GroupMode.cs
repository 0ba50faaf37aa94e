namespace StaffCloudSync.Core.Engine.Rules;

/// <summary>The tenant setting <c>GroupBy</c> (sync-rules.md, "event group"): what one sync-owned group stands for.</summary>
public enum GroupMode { Event, Project }

/// <summary>The row's text of <see cref="GroupMode"/>: <c>event</c> or <c>project</c>, read case-insensitively.</summary>
public static class GroupModeText
{
    /// <summary>What a group name template of this mode names (Rules knows no tenant settings, so the mode is mapped here).</summary>
    public static GroupNameSubject Subject(this GroupMode mode) => mode == GroupMode.Project ? GroupNameSubject.Project : GroupNameSubject.Event;

    public static string Format(GroupMode mode) => mode == GroupMode.Project ? "project" : "event";

    public static bool TryParse(string? text, out GroupMode mode)
    {
        var upper = text?.Trim().ToUpperInvariant();
        mode = upper == "PROJECT" ? GroupMode.Project : GroupMode.Event;
        return upper is "EVENT" or "PROJECT";
    }
}
