using StaffCloudSync.Core.Platform.Failures;

namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

/// <summary>The read plan of staffcloud-api.md; whatever StaffCloud might ignore (a filter, the id list) is checked again here.</summary>
public sealed class StaffCloudClient(HttpClient http, IOptions<StaffCloudOptions> options, TimeProvider time, ILogger<StaffCloudClient> logger)
    : IStaffCloudClient
{
    internal static HttpMessageHandler PrimaryHandler() => new SocketsHttpHandler
    {
        // A redirect could carry the Bearer token's request to another host; it is an error, never followed.
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    // The project's name comes joined with the assignments (no extra request per project); the event says which project.
    internal const string AssignmentFields = "id,employee_id,event_id,status," + StaffCloudRecordParser.ProjectNameField;
    internal const string EventFields = "id,name,start,end,status,project_id";
    internal const string EmployeeFields = "id,firstname,lastname,email,mobile,phone,communication_language,status";

    // Every status there is: the default scope of /employees is not documented, and a person it hid would look hard-deleted.
    internal const string AllEmployeeStatuses = "0,1,2,3,4,5,6";

    private const string WallClockFormat = "yyyy-MM-dd HH:mm:ss";
    private readonly StaffCloudRequests _requests = new(http, options.Value, time, logger);

    public IAsyncEnumerable<StaffCloudEvent> GetActiveEventsAsync(StaffCloudTarget target, DateTime afterLocal, CancellationToken cancellationToken)
    {
        // ">" is StaffCloud's strictly-greater filter, in the tenant's wall clock; a null end never passes it, so those go by start.
        var bound = Uri.EscapeDataString(">" + afterLocal.ToString(WallClockFormat, CultureInfo.InvariantCulture));
        return ReadAsync(target, "events",
            [
                ($"status={StaffCloudStatus.EventActive}&end={bound}&fields={EventFields}", []),
                ($"status={StaffCloudStatus.EventActive}&end=null&start={bound}&fields={EventFields}", []),
            ],
            StaffCloudRecordParser.Event,
            // StaffCloud ignores filters it does not understand: a filter it dropped must not widen the result.
            (record, _) => record.Status == StaffCloudStatus.EventActive && (record.End ?? record.Start) is { } boundary && boundary > afterLocal,
            record => record.Id, "status 2, end (or start) after the bound",
            // Both queries can return one event (an end StaffCloud reads as set and null at once): no warning.
            warnDuplicates: false, cancellationToken);
    }

    public IAsyncEnumerable<StaffCloudAssignment> GetConfirmedAssignmentsAsync(
        StaffCloudTarget target, IReadOnlyCollection<long> eventIds, CancellationToken cancellationToken) =>
        ReadAsync(target, "assignments",
            Batches(eventIds, "event",
                batch => $"status={StaffCloudStatus.AssignmentConfirmed}&event_id={string.Join(',', batch)}&fields={AssignmentFields}"),
            StaffCloudRecordParser.Assignment,
            (assignment, asked) => assignment.Status == StaffCloudStatus.AssignmentConfirmed && asked.Contains(assignment.EventId),
            assignment => assignment.Id, "status 7 of the events asked for", warnDuplicates: true, cancellationToken);

    public IAsyncEnumerable<StaffCloudEmployee> GetEmployeesAsync(
        StaffCloudTarget target, IReadOnlyCollection<long> employeeIds, CancellationToken cancellationToken) =>
        ReadAsync(target, "employees",
            Batches(employeeIds, "employee", batch => $"id={string.Join(',', batch)}&status={AllEmployeeStatuses}&fields={EmployeeFields}"),
            StaffCloudRecordParser.Employee,
            // A StaffCloud that ignored "id=" would answer with everyone: only the ids asked for reach the rules.
            (employee, asked) => asked.Contains(employee.Id),
            employee => employee.Id, "ids not asked for", warnDuplicates: true, cancellationToken);

    public async Task<StaffCloudEmployee?> GetEmployeeAsync(StaffCloudTarget target, long employeeId, CancellationToken cancellationToken)
    {
        RequirePositive(employeeId, "employee");
        var resource = $"employees/{employeeId.ToString(CultureInfo.InvariantCulture)}";
        var element = await _requests.ReadOneAsync(target, ResolveBaseAddress(target), resource, $"fields={EmployeeFields}",
            $"employee {employeeId.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
        if (element is not { } record)
            return null;

        var employee = await StaffCloudRequests.GuardAsync(target, resource, () => ValueTask.FromResult(
            StaffCloudRecordParser.Employee(record, "the single record", UnreadableDate(target, "employees"))), cancellationToken);
        return employee.Id == employeeId
            ? employee
            : throw new SyncRunException(target.TenantId, SyncFailureKind.InvalidResponse,
                $"tenant '{target.TenantId}': StaffCloud /{resource} answered with the record of employee " +
                employee.Id.ToString(CultureInfo.InvariantCulture));
    }

    // The requests one after the other, so records stream out in a stable order.
    private async IAsyncEnumerable<T> ReadAsync<T>(StaffCloudTarget target, string resource, List<(string Query, long[] Ids)> requests,
        Func<StaffCloudElement, string, Action<long, string>, T> parse, Func<T, HashSet<long>, bool> matches, Func<T, long> idOf,
        string filter, bool warnDuplicates, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Nothing to ask: no request, and no token read either.
        if (requests.Count == 0)
            yield break;

        var baseAddress = ResolveBaseAddress(target);
        var seen = new HashSet<long>();
        int returned = 0, outside = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            var (query, ids) = requests[i];
            var asked = ids.ToHashSet();
            var position = 0;
            var list = _requests.ReadListAsync(target, baseAddress, resource, query, (i + 1, requests.Count, ids.Length), cancellationToken);
            await foreach (var element in list)
            {
                var where = requests.Count == 1 ? $"record {++position}" : $"record {++position} of request {i + 1} of {requests.Count}";
                var record = await StaffCloudRequests.GuardAsync(
                    target, resource, () => ValueTask.FromResult(parse(element, where, UnreadableDate(target, resource))), cancellationToken);
                if (!matches(record, asked))
                {
                    outside++;
                    continue;
                }

                if (!seen.Add(idOf(record)))
                {
                    if (warnDuplicates)
                        StaffCloudLog.DuplicateId(logger, target.TenantId, resource, idOf(record));

                    continue;
                }

                returned++;
                yield return record;
            }
        }

        if (outside > 0)
            StaffCloudLog.OutsideFilter(logger, target.TenantId, resource, outside, filter);

        StaffCloudLog.Read(logger, target.TenantId, resource, returned, requests.Count);
    }

    internal Uri BaseAddressFor(string apiTenant) =>
        StaffCloudBaseAddress.For(apiTenant, options.Value is { AllowBaseAddressOverride: true, BaseAddressOverride: { } template }
            && !string.IsNullOrWhiteSpace(template) ? template : null);

    // An id that is not positive never reaches a URL (StaffCloud reads -5 as "all but 5").
    private List<(string Query, long[] Ids)> Batches(IReadOnlyCollection<long> ids, string what, Func<long[], string> queryFor)
    {
        var wanted = ids.Distinct().ToList();
        foreach (var id in wanted)
            RequirePositive(id, what);

        return [.. wanted.Chunk(Math.Clamp(options.Value.BatchSize, 1, StaffCloudOptions.MaxBatchSize)).Select(batch => (queryFor(batch), batch))];
    }

    private static void RequirePositive(long id, string what)
    {
        if (id <= 0)
            throw new ArgumentOutOfRangeException(nameof(id), id, $"A StaffCloud {what} id is a positive number; it is never sent otherwise.");
    }

    private Uri ResolveBaseAddress(StaffCloudTarget target)
    {
        try
        {
            return BaseAddressFor(target.ApiTenant);
        }
        catch (ArgumentException)
        {
            throw StaffCloudErrors.InvalidApiTenant(target);
        }
    }

    private Action<long, string> UnreadableDate(StaffCloudTarget target, string resource) =>
        (id, field) => StaffCloudLog.UnreadableDate(logger, target.TenantId, resource, id, field);
}
