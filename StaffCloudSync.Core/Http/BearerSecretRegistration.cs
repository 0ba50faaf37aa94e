using StaffCloudSync.Core.Secrets;

namespace StaffCloudSync.Core.Http;

internal static class BearerSecretRegistration
{
    /// <summary>
    /// Adds <see cref="BearerSecretHandler"/> with the client's refusal rule. Call it before the client's other handlers:
    /// it must be the outermost (its remarks say why). The host registers an <see cref="ISecretStore"/>.
    /// </summary>
    public static IHttpClientBuilder AddBearerSecret(this IHttpClientBuilder builder, BearerRefusal isRefused)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(isRefused);
        return builder.AddHttpMessageHandler(services => new BearerSecretHandler(services.GetRequiredService<ISecretStore>(), isRefused));
    }
}
