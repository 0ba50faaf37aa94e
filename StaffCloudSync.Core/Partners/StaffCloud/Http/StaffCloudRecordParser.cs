namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

/// <summary>
/// Turns one element of a StaffCloud list into the contract's record; odd values read as null (<see cref="StaffCloudValue"/>),
/// but a record without a usable id (or an assignment without its employee or event) fails the read: skipping it would
/// make that employee look hard-deleted, and the sync would delete them from MobieTrain.
/// </summary>
internal static class StaffCloudRecordParser
{
    /// <param name="unreadableDate">Told the record id and field of a datetime that was present but could not be read.</param>
    public static StaffCloudEmployee Employee(StaffCloudElement record, string where, Action<long, string> unreadableDate)
    {
        var fields = Fields(record, where);
        return new StaffCloudEmployee(
            RequiredId(fields.Id, "id", where),
            fields.Status.Int(),
            fields.Firstname.Text(),
            fields.Lastname.Text(),
            fields.Email.Text(),
            fields.Mobile.Text(),
            fields.Phone.Text(),
            fields.CommunicationLanguage.Text());
    }

    public static StaffCloudEvent Event(StaffCloudElement record, string where, Action<long, string> unreadableDate)
    {
        var fields = Fields(record, where);
        var id = RequiredId(fields.Id, "id", where);
        return new StaffCloudEvent(
            id,
            fields.Name.Text(),
            fields.Status.Int(),
            Date(fields.Start, id, "start", unreadableDate),
            Date(fields.End, id, "end", unreadableDate))
        {
            // An event without a usable project_id has no project: it gives no project group, which is no reason to fail.
            ProjectId = fields.ProjectId.TryGetId(out var projectId) ? projectId : null,
        };
    }

    public static StaffCloudAssignment Assignment(StaffCloudElement record, string where, Action<long, string> unreadableDate)
    {
        var fields = Fields(record, where);
        var id = RequiredId(fields.Id, "id", where);
        return new StaffCloudAssignment(
            id,
            RequiredId(fields.EmployeeId, "employee_id", where),
            RequiredId(fields.EventId, "event_id", where),
            fields.Status.Int(),
            Date(fields.Start, id, "start", unreadableDate),
            Date(fields.End, id, "end", unreadableDate))
        {
            ProjectName = fields.ProjectName.Text(),
        };
    }

    /// <summary>The joined field an assignment carries its event's project name in, a flat key with dots.</summary>
    public const string ProjectNameField = "event.project.name";

    private static StaffCloudFields Fields(StaffCloudElement record, string where) =>
        record.Fields ?? throw new InvalidAnswerException($"a record that is not a JSON object ({where})");

    private static long RequiredId(StaffCloudValue value, string field, string where) =>
        value.TryGetId(out var id) ? id : throw new InvalidAnswerException($"a record without a usable '{field}' ({where})");

    private static DateTime? Date(StaffCloudValue value, long id, string field, Action<long, string> unreadableDate)
    {
        var date = value.WallClock(out var unreadable);
        if (unreadable)
            unreadableDate(id, field);

        return date;
    }
}
