using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Engine.Explain;

/// <summary>What StaffCloud's answers prove about a synced person's deactivation, in the operator's words: the status the
/// list read returned, a single read's 404, a record only the single read returned, or no proof at all (held).</summary>
internal static class DeletionProof
{
    /// <summary>Null for a person with nothing in MobieTrain, or who is neither deactivated nor missing from the list.</summary>
    public static string? For(StaffCloudSnapshot staffCloud, long employeeId, StaffCloudEmployee? employee, bool inMobieTrain)
    {
        if (!inMobieTrain)
            return null;

        if (employee is null)
        {
            return staffCloud.ProvenDeleted.Contains(employeeId)
                ? "hard-deleted: StaffCloud's employees list left this person out, and GET /employees/{id} answered 404"
                    + (staffCloud.ReadPathProof is { } path ? $" (StaffCloud's JSON error answer; {path} showed that the single read works)" : string.Empty)
                : "none: StaffCloud's employees list left this person out and, with more missing than the deletion threshold, they were not read singly; nothing is deleted until an approved run reads them and StaffCloud answers 404";
        }

        var omitted = staffCloud.OmittedByList.Contains(employee.Id)
            ? "StaffCloud's employees list left this person out; GET /employees/{id} returned the record, which is used as read; "
            : string.Empty;
        return employee.Status switch
        {
            var status when Definitions.IsDeactivatedStatus(status) =>
                $"{omitted}deactivated: StaffCloud reports status {status!.Value.ToString(CultureInfo.InvariantCulture)}",
            _ when omitted.Length > 0 => omitted.TrimEnd(' ', ';'),
            _ => null,
        };
    }
}
