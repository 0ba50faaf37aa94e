using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Http;
using StaffCloudSync.Core.Secrets;
using StaffCloudSync.Core.Sync;

namespace StaffCloudSync.Core.StaffCloud.Http;

/// <summary>
/// Reads StaffCloud over HTTP along the read plan of staffcloud-api.md: confirmed assignments by end, then events
/// and employees by id in batches. Every request is a GET with the tenant's Bearer token; retries, timeouts and
/// rate limits are the handlers' business (<see cref="StaffCloudServiceCollectionExtensions"/>). Whatever StaffCloud
/// might ignore (a filter, the id list) is checked again here, and every failure becomes a
/// <see cref="SyncRunException"/> that names the tenant.
/// </summary>
public sealed class StaffCloudClient : IStaffCloudClient
{
    internal const string AssignmentFields = "id,employee_id,event_id,status,start,end";
    internal const string EventFields = "id,name,start,end,status";
    internal const string EmployeeFields = "id,firstname,lastname,email,mobile,phone,communication_language,status";

    private const string WallClockFormat = "yyyy-MM-dd HH:mm:ss";

    private readonly HttpClient _http;
    private readonly ISecretStore _secrets;
    private readonly StaffCloudOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StaffCloudClient> _logger;

    public StaffCloudClient(HttpClient http, ISecretStore secrets, IOptions<StaffCloudOptions> options, TimeProvider time, ILogger<StaffCloudClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _secrets = secrets;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async IAsyncEnumerable<StaffCloudAssignment> GetConfirmedAssignmentsAsync(
        StaffCloudTarget target, DateTime endAfterLocal, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var baseAddress = ResolveBaseAddress(target);

        // "end=>" is StaffCloud's strictly-greater filter, in the tenant's wall clock like every StaffCloud datetime.
        // Whole seconds: StaffCloud's times have none smaller, so cutting the fraction keeps "strictly after" exact.
        var bound = endAfterLocal.ToString(WallClockFormat, CultureInfo.InvariantCulture);
        var query = $"status={StaffCloudStatus.AssignmentConfirmed}&end={Uri.EscapeDataString(">" + bound)}&fields={AssignmentFields}";

        var seen = new HashSet<long>();
        int position = 0, returned = 0, outside = 0;
        await foreach (var element in ReadListAsync(target, baseAddress, "assignments", query, 1, 1, 0, cancellationToken).ConfigureAwait(false))
        {
            position++;
            var assignment = Guard(target, "assignments", () => StaffCloudRecordParser.Assignment(
                element, Where(position, 1, 1), (id, field) => _logger.UnreadableDate(target.TenantId, "assignments", id, field)), cancellationToken);

            // StaffCloud ignores filters it does not understand: a filter it dropped must not widen the result.
            if (assignment.Status != StaffCloudStatus.AssignmentConfirmed || assignment.End is { } end && end <= endAfterLocal)
            {
                outside++;
                continue;
            }

            if (!seen.Add(assignment.Id))
            {
                _logger.DuplicateId(target.TenantId, "assignments", assignment.Id);
                continue;
            }

            returned++;
            yield return assignment;
        }

        LogDone(target, "assignments", returned, 1, outside, "status 7, end after the bound");
    }

    public IAsyncEnumerable<StaffCloudEvent> GetEventsAsync(
        StaffCloudTarget target, IReadOnlyCollection<long> eventIds, CancellationToken cancellationToken) =>
        ReadByIdAsync(target, "events", EventFields, eventIds, StaffCloudRecordParser.Event, e => e.Id, cancellationToken);

    public IAsyncEnumerable<StaffCloudEmployee> GetEmployeesAsync(
        StaffCloudTarget target, IReadOnlyCollection<long> employeeIds, CancellationToken cancellationToken) =>
        ReadByIdAsync(target, "employees", EmployeeFields, employeeIds, StaffCloudRecordParser.Employee, e => e.Id, cancellationToken);

    /// <summary>The API root for an API tenant: <c>https://&lt;it&gt;.staff.cloud/api/v1/</c>, or the allowed loopback override.</summary>
    /// <exception cref="ArgumentException">The API tenant is not a DNS label.</exception>
    internal Uri BaseAddressFor(string apiTenant) =>
        StaffCloudBaseAddress.For(apiTenant, _options.AllowBaseAddressOverride && !string.IsNullOrWhiteSpace(_options.BaseAddressOverride)
            ? _options.BaseAddressOverride
            : null);

    private async IAsyncEnumerable<T> ReadByIdAsync<T>(
        StaffCloudTarget target,
        string resource,
        string fields,
        IReadOnlyCollection<long> ids,
        Func<JsonElement, string, Action<long, string>, T> parse,
        Func<T, long> idOf,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            // Nothing to ask: no request, and no token read either.
            yield break;
        }

        var baseAddress = ResolveBaseAddress(target);
        var asked = wanted.ToHashSet();
        var seen = new HashSet<long>();
        var batches = wanted.Chunk(Math.Clamp(_options.BatchSize, 1, StaffCloudOptions.MaxBatchSize)).ToList();
        int returned = 0, outside = 0;

        // One batch after the other: StaffCloud's quota is small and unknown, and records stream out in a stable order.
        for (var i = 0; i < batches.Count; i++)
        {
            var request = i + 1;
            var query = $"id={string.Join(',', batches[i])}&fields={fields}";
            var position = 0;
            await foreach (var element in ReadListAsync(target, baseAddress, resource, query, request, batches.Count, batches[i].Length, cancellationToken)
                .ConfigureAwait(false))
            {
                position++;
                var where = Where(position, request, batches.Count);
                var record = Guard(target, resource, () => parse(element, where, (id, field) => _logger.UnreadableDate(target.TenantId, resource, id, field)),
                    cancellationToken);
                var id = idOf(record);

                // A StaffCloud that ignored "id=" would answer with everyone: only the ids asked for reach the rules.
                if (!asked.Contains(id))
                {
                    outside++;
                    continue;
                }

                if (!seen.Add(id))
                {
                    _logger.DuplicateId(target.TenantId, resource, id);
                    continue;
                }

                returned++;
                yield return record;
            }
        }

        LogDone(target, resource, returned, batches.Count, outside, "ids not asked for");
    }

    /// <summary>One GET of a list, its records streamed; every failure on the way is a typed run error.</summary>
    private async IAsyncEnumerable<JsonElement> ReadListAsync(
        StaffCloudTarget target,
        Uri baseAddress,
        string resource,
        string query,
        int request,
        int requests,
        int ids,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _logger.Reading(target.TenantId, resource, request, requests, ids);
        var uri = new Uri(baseAddress, $"{resource}?{query}");
        using var response = await SendAsync(target, resource, uri, cancellationToken).ConfigureAwait(false);

        var body = await GuardAsync(target, resource, async () => (Stream)new LimitedReadStream(
            await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _options.MaxResponseBytes), cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            // Not "await foreach" inside a try: C# allows no yield there, so each step is guarded on its own.
            var records = StaffCloudListReader.ReadAsync(body, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (records.ConfigureAwait(false))
            {
                while (await GuardAsync(target, resource, () => records.MoveNextAsync(), cancellationToken).ConfigureAwait(false))
                {
                    yield return records.Current;
                }
            }
        }
    }

    /// <summary>
    /// Sends the GET with the tenant's token. A token refused as expired or malformed is re-read once after dropping
    /// the store's cached copy: if it changed (rotated in Key Vault), the request is sent once more with it.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(StaffCloudTarget target, string resource, Uri uri, CancellationToken cancellationToken)
    {
        var secretName = target.TokenSecretName;
        var token = await _secrets.GetSecretAsync(secretName, cancellationToken).ConfigureAwait(false);
        var response = await SendOnceAsync(target, resource, uri, token, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var body = await StaffCloudErrorBody.ReadAsync(response, token, cancellationToken).ConfigureAwait(false);
            if (StaffCloudErrors.IsTokenRefused(response.StatusCode, body.InvalidToken))
            {
                _secrets.Invalidate(secretName);
                var fresh = await _secrets.GetSecretAsync(secretName, cancellationToken).ConfigureAwait(false);
                if (!string.Equals(fresh, token, StringComparison.Ordinal))
                {
                    _logger.TokenRotated(target.TenantId, secretName, (int)response.StatusCode);
                    response.Dispose();
                    response = await SendOnceAsync(target, resource, uri, fresh, cancellationToken).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }

                    token = fresh;
                    body = await StaffCloudErrorBody.ReadAsync(response, token, cancellationToken).ConfigureAwait(false);
                }

                if (StaffCloudErrors.IsTokenRefused(response.StatusCode, body.InvalidToken))
                {
                    _logger.TokenRefused(target.TenantId, secretName, (int)response.StatusCode);
                }
            }

            _logger.RequestFailed(target.TenantId, resource, "status", (int)response.StatusCode);
            throw StaffCloudErrors.ForStatus(target, resource, response, body, _time.GetUtcNow());
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(
        StaffCloudTarget target, string resource, Uri uri, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            // Headers only: the body is streamed by the reader, so a long list is never held whole in memory.
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StaffCloudErrors.ForException(target, resource, ex, cancellationToken) is { } typed)
        {
            _logger.RequestFailed(target.TenantId, resource, ex.GetType().Name, null);
            throw typed;
        }
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

    private static T Guard<T>(StaffCloudTarget target, string resource, Func<T> step, CancellationToken cancellationToken)
    {
        try
        {
            return step();
        }
        catch (Exception ex) when (StaffCloudErrors.ForException(target, resource, ex, cancellationToken) is { } typed)
        {
            throw typed;
        }
    }

    private static async ValueTask<T> GuardAsync<T>(StaffCloudTarget target, string resource, Func<ValueTask<T>> step, CancellationToken cancellationToken)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (Exception ex) when (StaffCloudErrors.ForException(target, resource, ex, cancellationToken) is { } typed)
        {
            throw typed;
        }
    }

    private static string Where(int position, int request, int requests) =>
        requests == 1 ? $"record {position}" : $"record {position} of request {request} of {requests}";

    private void LogDone(StaffCloudTarget target, string resource, int returned, int requests, int outside, string filter)
    {
        if (outside > 0)
        {
            _logger.OutsideFilter(target.TenantId, resource, outside, filter);
        }

        _logger.Read(target.TenantId, resource, returned, requests);
    }
}
