using System.Buffers;
using System.Text.Json;

namespace StaffCloudSync.Core.MobieTrain.Http;

/// <summary>
/// Request bodies, written by hand in a fixed field order without whitespace: the bytes sent are the canonical JSON
/// the idempotency key is derived from, so equal content always gives an equal key. A <see cref="PersonPatch"/> sends
/// only its non-null fields.
/// </summary>
internal static class MobieTrainBodies
{
    public static byte[] GroupBody(string name, string? externalId) => Json(writer =>
    {
        writer.WriteString("name", name);
        if (externalId is not null)
        {
            writer.WriteString("externalId", externalId);
        }
    });

    public static byte[] RenameBody(string name) => Json(writer => writer.WriteString("name", name));

    public static byte[] InvitationBody(NewInvitation invitation) => Json(writer =>
    {
        writer.WriteString("externalId", invitation.ExternalId);
        writer.WriteString("firstName", invitation.FirstName);
        writer.WriteString("lastName", invitation.LastName);
        WriteIfSet(writer, "email", invitation.Email);
        WriteIfSet(writer, "phone", invitation.Phone);
        writer.WriteString("language", invitation.Language);
        WriteIds(writer, invitation.UserGroupIds);
    });

    public static byte[] PatchBody(PersonPatch patch) => Json(writer =>
    {
        WriteIfSet(writer, "firstName", patch.FirstName);
        WriteIfSet(writer, "lastName", patch.LastName);
        WriteIfSet(writer, "email", patch.Email);
        WriteIfSet(writer, "phone", patch.Phone);
        WriteIfSet(writer, "language", patch.Language);
        if (patch.UserGroupIds is not null)
        {
            WriteIds(writer, patch.UserGroupIds);
        }
    });

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteIds(Utf8JsonWriter writer, IReadOnlyList<string> ids)
    {
        writer.WriteStartArray("userGroupIds");
        foreach (var id in ids)
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
