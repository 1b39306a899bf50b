using System.Diagnostics.CodeAnalysis;

namespace QualityStream.Worker.Auth;

/// <summary>A key to create, as the admin API and the <c>keys create</c> command receive it, before validation.</summary>
public sealed record ApiKeyRequest(string? Role, string? BuyerId, string? Name)
{
    public const int MaxNameLength = 100;

    /// <summary>
    /// The access the new key grants (role, buyer, name), or every field that is wrong: the role must be admin, board or
    /// buyer; a buyer key needs a buyerId (docs/contract.md §1) and the others take none; a name, if given, is 1–100 characters
    /// without control characters, since it is printed in lists and logs.
    /// </summary>
    public bool TryValidate([NotNullWhen(true)] out ApiKeyRecord? record, out IReadOnlyList<ApiKeyFieldError> errors)
    {
        var found = new List<ApiKeyFieldError>();
        record = null;
        if (Role is null)
        {
            found.Add(new ApiKeyFieldError("role", "is required (admin, board or buyer)"));
        }
        else if (Role is not (QualityRoles.Buyer or QualityRoles.Admin or QualityRoles.Board))
        {
            found.Add(new ApiKeyFieldError("role", $"must be admin, board or buyer; got '{Role}'"));
        }
        else if (Role != QualityRoles.Buyer && BuyerId is not null)
        {
            found.Add(new ApiKeyFieldError("buyerId", $"only buyer keys belong to a buyer; {Role} keys see every buyer"));
        }
        else if (!ApiKeyRecord.TryCreate(Role, BuyerId, out record, out var error))
        {
            found.Add(new ApiKeyFieldError("buyerId", error));
        }

        if (Name is not null && (Name.Length is 0 or > MaxNameLength || string.IsNullOrWhiteSpace(Name) || Name.Any(char.IsControl)))
        {
            found.Add(new ApiKeyFieldError("name", $"must be 1–{MaxNameLength} characters, not all blank, without control characters"));
        }

        errors = found;
        if (found.Count > 0)
        {
            record = null;
            return false;
        }

        record = record! with { Name = Name };
        return true;
    }
}
