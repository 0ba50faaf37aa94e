namespace StaffCloudSync.Sandbox.Simulators.StaffCloud;

/// <summary>The StaffCloud lists the simulator serves; the path segment is the lower-cased name.</summary>
public enum StaffCloudResource
{
    Employees,
    Events,
    Assignments,

    /// <summary>Projects: served as a list, and joined into assignments as <c>event.project.name</c>.</summary>
    Projects,
}
