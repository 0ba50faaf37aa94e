using System.Runtime.CompilerServices;
using StaffCloudSync.Core.Partners.StaffCloud;

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

    /// <summary>Ids the employees list leaves out (as a misfiring StaffCloud filter would); the single read still returns them.</summary>
    public HashSet<long> OmittedByList { get; } = [];

    /// <summary>Employee ids asked for singly, in order.</summary>
    public List<long> SingleReads { get; } = [];

    public IAsyncEnumerable<StaffCloudEvent> GetActiveEventsAsync(StaffCloudTarget target, DateTime afterLocal, CancellationToken cancellationToken) =>
        Serve(Events.Where(e => e.Status == StaffCloudStatus.EventActive && (e.End ?? e.Start) > afterLocal).ToList(), cancellationToken);

    public IAsyncEnumerable<StaffCloudAssignment> GetConfirmedAssignmentsAsync(StaffCloudTarget target, IReadOnlyCollection<long> eventIds, CancellationToken cancellationToken) =>
        Serve(Assignments.Where(a => a.Status == StaffCloudStatus.AssignmentConfirmed && eventIds.Contains(a.EventId)).ToList(), cancellationToken);

    public IAsyncEnumerable<StaffCloudEmployee> GetEmployeesAsync(StaffCloudTarget target, IReadOnlyCollection<long> employeeIds, CancellationToken cancellationToken) =>
        Serve(Employees.Where(e => employeeIds.Contains(e.Id) && !OmittedByList.Contains(e.Id)).ToList(), cancellationToken);

    /// <summary>Ids the single read answers 404 for although the list returns them (a single-read path that does not work).</summary>
    public HashSet<long> NotFoundSingly { get; } = [];

    /// <summary>When set, a single read of that id throws what it returns (an answer other than a record or 404).</summary>
    public Func<long, Exception?>? FailSingleRead { get; set; }

    public async Task<StaffCloudEmployee?> GetEmployeeAsync(StaffCloudTarget target, long employeeId, CancellationToken cancellationToken)
    {
        SingleReads.Add(employeeId);
        if (FailSingleRead?.Invoke(employeeId) is { } failure)
        {
            throw failure;
        }

        var found = await Serve(Employees.Where(e => e.Id == employeeId && !NotFoundSingly.Contains(e.Id)).ToList(), cancellationToken).ToListAsync(cancellationToken);
        return found.FirstOrDefault();
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
