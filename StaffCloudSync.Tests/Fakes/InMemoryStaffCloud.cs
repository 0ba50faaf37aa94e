using System.Runtime.CompilerServices;
using StaffCloudSync.Core.StaffCloud;

namespace StaffCloudSync.Tests.Fakes;

/// <summary>
/// StaffCloud's three lists in memory with the filters the read plan uses, for engine-level tests; it can be
/// told to fail, and counts what was asked. The HTTP simulator and client are tested over loopback HTTP.
/// </summary>
internal sealed class InMemoryStaffCloud : IStaffCloudClient
{
    public List<StaffCloudEmployee> Employees { get; } = [];
    public List<StaffCloudEvent> Events { get; } = [];
    public List<StaffCloudAssignment> Assignments { get; } = [];
    public int Requests { get; private set; }
    public Exception? Failure { get; set; }

    public IAsyncEnumerable<StaffCloudAssignment> GetConfirmedAssignmentsAsync(StaffCloudTarget target, DateTime endAfterLocal, CancellationToken cancellationToken) =>
        Serve(Assignments.Where(a => a.Status == StaffCloudStatus.AssignmentConfirmed && EndOf(a) > endAfterLocal).ToList(), cancellationToken);

    public IAsyncEnumerable<StaffCloudEvent> GetEventsAsync(StaffCloudTarget target, IReadOnlyCollection<long> eventIds, CancellationToken cancellationToken) =>
        Serve(Events.Where(e => eventIds.Contains(e.Id)).ToList(), cancellationToken);

    public IAsyncEnumerable<StaffCloudEmployee> GetEmployeesAsync(StaffCloudTarget target, IReadOnlyCollection<long> employeeIds, CancellationToken cancellationToken) =>
        Serve(Employees.Where(e => employeeIds.Contains(e.Id)).ToList(), cancellationToken);

    // An assignment without times takes its event's, as the scenario format says.
    private DateTime? EndOf(StaffCloudAssignment assignment)
    {
        var staffCloudEvent = Events.FirstOrDefault(e => e.Id == assignment.EventId);
        return assignment.End ?? assignment.Start ?? staffCloudEvent?.End ?? staffCloudEvent?.Start;
    }

    private async IAsyncEnumerable<T> Serve<T>(List<T> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Requests++;
        if (Failure is not null)
        {
            throw Failure;
        }

        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask;
    }
}
