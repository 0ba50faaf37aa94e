namespace StaffCloudSync.Sandbox.Simulators.StaffCloud;

/// <summary>The StaffCloud lists the simulator serves.</summary>
public enum StaffCloudResource
{
    Employees,
    Events,
    Assignments,

    /// <summary>Projects: served as a list, and joined into assignments as <c>event.project.name</c>.</summary>
    Projects,
}

public static class StaffCloudResources
{
    /// <summary>The path segment and scenario key: <c>employees</c>, <c>events</c>, <c>assignments</c>, <c>projects</c>.</summary>
    public static string PathName(this StaffCloudResource resource) => resource switch
    {
        StaffCloudResource.Employees => "employees",
        StaffCloudResource.Events => "events",
        StaffCloudResource.Assignments => "assignments",
        StaffCloudResource.Projects => "projects",
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, null),
    };

    public static bool TryParse(string? name, out StaffCloudResource resource)
    {
        foreach (var candidate in Enum.GetValues<StaffCloudResource>())
        {
            if (string.Equals(candidate.PathName(), name, StringComparison.Ordinal))
            {
                resource = candidate;
                return true;
            }
        }

        resource = default;
        return false;
    }

    /// <summary>
    /// The fields StaffCloud filters on, as far as staffcloud-api.md knows them. A filter on any other name is
    /// ignored, as StaffCloud ignores unknown filters (and joined ones like <c>event.start</c>) without an error.
    /// </summary>
    internal static IReadOnlySet<string> FilterableFields(this StaffCloudResource resource) => resource switch
    {
        StaffCloudResource.Employees => EmployeeFields,
        StaffCloudResource.Events => EventFields,
        StaffCloudResource.Assignments => AssignmentFields,
        StaffCloudResource.Projects => ProjectFields,
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, null),
    };

    private static readonly HashSet<string> EmployeeFields =
        ["id", "firstname", "lastname", "email", "mobile", "phone", "communication_language", "status", "created_at", "updated_at"];

    private static readonly HashSet<string> EventFields =
        ["id", "name", "project_id", "client_id", "location_id", "start", "end", "status"];

    private static readonly HashSet<string> ProjectFields = ["id", "name", "client_id", "status"];

    private static readonly HashSet<string> AssignmentFields =
        ["id", "employee_id", "event_id", "event_function_id", "project_id", "status", "start", "end", "created_at"];
}
