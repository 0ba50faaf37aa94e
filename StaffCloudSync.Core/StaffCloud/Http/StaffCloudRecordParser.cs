using System.Text.Json;

namespace StaffCloudSync.Core.StaffCloud.Http;

/// <summary>
/// Turns one element of a StaffCloud list into the contract's record. Unknown fields are ignored and odd values
/// read as null (<see cref="StaffCloudJsonFields"/>), but a record without a usable id (or an assignment without
/// its employee or event) fails the read: skipping it would make that employee look hard-deleted, and the sync
/// would delete them from MobieTrain.
/// </summary>
internal static class StaffCloudRecordParser
{
    /// <param name="unreadableDate">Told the record id and field of a datetime that was present but could not be read.</param>
    public static StaffCloudEmployee Employee(JsonElement record, string where, Action<long, string> unreadableDate)
    {
        var id = RequiredId(record, "id", where);
        return new StaffCloudEmployee(
            id,
            StaffCloudJsonFields.Int(record, "status"),
            StaffCloudJsonFields.Text(record, "firstname"),
            StaffCloudJsonFields.Text(record, "lastname"),
            StaffCloudJsonFields.Text(record, "email"),
            StaffCloudJsonFields.Text(record, "mobile"),
            StaffCloudJsonFields.Text(record, "phone"),
            StaffCloudJsonFields.Text(record, "communication_language"));
    }

    public static StaffCloudEvent Event(JsonElement record, string where, Action<long, string> unreadableDate)
    {
        ArgumentNullException.ThrowIfNull(unreadableDate);
        var id = RequiredId(record, "id", where);
        return new StaffCloudEvent(
            id,
            StaffCloudJsonFields.Text(record, "name"),
            StaffCloudJsonFields.Int(record, "status"),
            Date(record, id, "start", unreadableDate),
            Date(record, id, "end", unreadableDate))
        {
            // An event without a usable project_id has no project: it gives no project group, which is no reason to fail.
            ProjectId = StaffCloudJsonFields.TryGetId(record, "project_id", out var projectId) ? projectId : null,
        };
    }

    public static StaffCloudAssignment Assignment(JsonElement record, string where, Action<long, string> unreadableDate)
    {
        ArgumentNullException.ThrowIfNull(unreadableDate);
        var id = RequiredId(record, "id", where);
        return new StaffCloudAssignment(
            id,
            RequiredId(record, "employee_id", where),
            RequiredId(record, "event_id", where),
            StaffCloudJsonFields.Int(record, "status"),
            Date(record, id, "start", unreadableDate),
            Date(record, id, "end", unreadableDate))
        {
            ProjectName = StaffCloudJsonFields.Text(record, ProjectNameField),
        };
    }

    /// <summary>The joined field an assignment carries its event's project name in, a flat key with dots.</summary>
    public const string ProjectNameField = "event.project.name";

    private static long RequiredId(JsonElement record, string field, string where)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidAnswerException($"a record that is not a JSON object ({where})");
        }

        return StaffCloudJsonFields.TryGetId(record, field, out var id)
            ? id
            : throw new InvalidAnswerException($"a record without a usable '{field}' ({where})");
    }

    private static DateTime? Date(JsonElement record, long id, string field, Action<long, string> unreadableDate)
    {
        var value = StaffCloudJsonFields.WallClock(record, field, out var unreadable);
        if (unreadable)
        {
            unreadableDate(id, field);
        }

        return value;
    }
}
