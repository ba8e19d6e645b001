using System.Text.Json;
using Retention.Core.Events;

namespace Retention.Core.Customers;

/// <summary>
/// Reads an event's <c>customer</c> object: the platform id, a guest's e-mail hashed with the shop's salt, or the
/// archived hash. Orders and survey answers share it, so an answer's key is the key of the same customer's orders.
/// </summary>
internal static class CustomerField
{
    public static string Key(JsonElement customer, string salt)
    {
        if (customer.ValueKind != JsonValueKind.Object) throw new EventFieldException("customer", "must be an object with id or email");
        if (JsonFields.Optional(customer, "id") is { } id)
            return CustomerKey.FromPlatformId(JsonFields.Identifier(id, "customer.id"));
        if (JsonFields.Optional(customer, "email") is { } email)
        {
            var address = JsonFields.String(email, "customer.email", 320);
            if (!address.Contains('@')) throw new EventFieldException("customer.email", "must be an e-mail address");
            return CustomerKey.FromEmail(address, salt);
        }
        if (JsonFields.Optional(customer, "email_hash") is { } hash)
            return CustomerKey.FromEmailHash(JsonFields.String(hash, "customer.email_hash", 64))
                ?? throw new EventFieldException("customer.email_hash", "must be 64 lowercase hex digits");
        throw new EventFieldException("customer", "needs an id, or an email for a guest");
    }
}
