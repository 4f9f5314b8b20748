using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathway.PublicSite.Carers;

/// <summary>
/// A family member or carer asking, on the public site, to be contacted. Lands with the provider that runs the
/// service for their council today, on the staff carers' group page, until someone marks it handled.
/// </summary>
public class CarerContactRequest
{
    public const int NameLength = 100;
    public const int PhoneLength = 20;
    public const int EmailLength = 120;
    public const int NoteLength = 500;

    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public required string LocalAuthorityCode { get; set; }
    public required string ProviderCode { get; set; }
    public bool VoicemailOk { get; set; }
    public string? SafeContactNote { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
}

public class CarerContactRequestConfiguration : IEntityTypeConfiguration<CarerContactRequest>
{
    public void Configure(EntityTypeBuilder<CarerContactRequest> request)
    {
        request.Property(r => r.Name).HasMaxLength(CarerContactRequest.NameLength);
        request.Property(r => r.Phone).HasMaxLength(CarerContactRequest.PhoneLength);
        request.Property(r => r.Email).HasMaxLength(CarerContactRequest.EmailLength);
        request.Property(r => r.LocalAuthorityCode).HasMaxLength(9);
        request.Property(r => r.ProviderCode).HasMaxLength(20);
        request.Property(r => r.SafeContactNote).HasMaxLength(CarerContactRequest.NoteLength);
        request.HasIndex(r => new { r.ProviderCode, r.HandledAt });
    }
}
