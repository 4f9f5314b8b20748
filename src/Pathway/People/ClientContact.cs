using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathway.People;

/// <summary>
/// How to reach a client and who they are beyond the attributors: address, phone, email and safe-contact wishes,
/// their GP and next of kin, and the national data set's demographic items. One for each client record, however
/// the person was referred. Case management only: the exchange bundle does not carry it, so a reload never touches it.
/// </summary>
public class ClientContact
{
    public int ClientRecordId { get; set; }
    public ClientRecord ClientRecord { get; set; } = null!;

    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? Town { get; set; }
    public string? Postcode { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }

    // Safe-contact wishes, meaning what the public self-referral's do.
    public ContactMethod? ContactBy { get; set; }
    public bool? VoicemailOk { get; set; }
    public bool? TextOk { get; set; }
    public string? SafeTimes { get; set; }
    public string? SafeContactNote { get; set; }

    public string? GpPractice { get; set; }
    public string? GpOdsCode { get; set; }

    public string? NextOfKinName { get; set; }
    public string? NextOfKinRelationship { get; set; }
    public string? NextOfKinPhone { get; set; }

    public Ethnicity? Ethnicity { get; set; }
    public SexualOrientation? SexualOrientation { get; set; }
    public Religion? Religion { get; set; }
    public YesNoNotStated? Disability { get; set; }
    public DisabilityType? DisabilityType { get; set; }
    public Pregnancy? Pregnant { get; set; }
    public YesNoNotStated? ParentalResponsibility { get; set; }
    public int? ChildrenLivingWith { get; set; }

    /// <summary>The line staff read before they call, text or email; null when the person has said nothing about it.</summary>
    public string? SafeContactSummary()
    {
        var parts = new List<string>();
        if (ContactBy is { } by) parts.Add($"Contact by {Web.Words.Of(by).ToLowerInvariant()}");
        if (VoicemailOk is { } voicemail) parts.Add(voicemail ? "voicemail is OK" : "do not leave voicemail");
        if (TextOk is { } texts) parts.Add(texts ? "texts are OK" : "do not send texts");
        if (SafeTimes is not null) parts.Add($"best times: {SafeTimes}");
        if (SafeContactNote is not null) parts.Add(SafeContactNote);
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    public string? Address()
    {
        var lines = new[] { AddressLine1, AddressLine2, Town, Postcode }.OfType<string>().ToList();
        return lines.Count == 0 ? null : string.Join(", ", lines);
    }
}

public class ClientContactConfiguration : IEntityTypeConfiguration<ClientContact>
{
    public void Configure(EntityTypeBuilder<ClientContact> contact)
    {
        contact.HasKey(c => c.ClientRecordId);
        contact.HasOne(c => c.ClientRecord).WithOne().HasForeignKey<ClientContact>(c => c.ClientRecordId).OnDelete(DeleteBehavior.Cascade);
        contact.Property(c => c.AddressLine1).HasMaxLength(ContactDetailsRules.AddressLength);
        contact.Property(c => c.AddressLine2).HasMaxLength(ContactDetailsRules.AddressLength);
        contact.Property(c => c.Town).HasMaxLength(ContactDetailsRules.TownLength);
        contact.Property(c => c.Postcode).HasMaxLength(8);
        contact.Property(c => c.Phone).HasMaxLength(ContactDetailsRules.PhoneLength);
        contact.Property(c => c.Email).HasMaxLength(ContactDetailsRules.EmailLength);
        contact.Property(c => c.SafeTimes).HasMaxLength(ContactDetailsRules.ShortText);
        contact.Property(c => c.SafeContactNote).HasMaxLength(ContactDetailsRules.LongText);
        contact.Property(c => c.GpPractice).HasMaxLength(ContactDetailsRules.NameLength);
        contact.Property(c => c.GpOdsCode).HasMaxLength(6);
        contact.Property(c => c.NextOfKinName).HasMaxLength(ContactDetailsRules.NameLength);
        contact.Property(c => c.NextOfKinRelationship).HasMaxLength(ContactDetailsRules.RelationshipLength);
        contact.Property(c => c.NextOfKinPhone).HasMaxLength(ContactDetailsRules.PhoneLength);
    }
}
