namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

/// <summary>Where a tenant's requests go: <c>https://&lt;api tenant&gt;.staff.cloud/api/v1/</c>, the API tenant a DNS label.</summary>
public static partial class StaffCloudBaseAddress
{
    public const string TenantPlaceholder = "{tenant}";

    public static Uri For(string apiTenant, string? overrideTemplate)
    {
        if (apiTenant is null || !DnsLabel().IsMatch(apiTenant))
        {
            throw new ArgumentException(
                "The StaffCloud API tenant must be a DNS label (1–63 characters of a-z, 0-9 and '-', not starting or ending with '-').",
                nameof(apiTenant));
        }

        if (overrideTemplate is null)
        {
            var address = new Uri($"https://{apiTenant}.staff.cloud/api/v1/", UriKind.Absolute);

            // The label check already makes this true; kept as the last word on "no other host".
            return address.Host == $"{apiTenant}.staff.cloud" ? address : throw new ArgumentException("Not a staff.cloud host.", nameof(apiTenant));
        }

        var overridden = ParseTemplate(overrideTemplate, apiTenant);

        // Checked again with the real tenant: the options validator only saw a sample value in the placeholder.
        return overridden is { IsLoopback: true }
            ? overridden
            : throw new ArgumentException("The base address override must point at a loopback host.", nameof(overrideTemplate));
    }

    // Null when the template with the tenant filled in is not an absolute http(s) URI.
    internal static Uri? ParseTemplate(string template, string apiTenant)
    {
        var text = template.Trim().Replace(TenantPlaceholder, apiTenant, StringComparison.OrdinalIgnoreCase);

        // Without it, relative paths would replace the last segment (api/v1 + employees = api/employees).
        if (!text.EndsWith('/'))
            text += "/";

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
                ? uri
                : null;
    }

    // \z rather than $: "$" also matches before a trailing newline, which must not pass into a host name.
    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();
}
