using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathway.People;

public class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.Property(p => p.Initials).HasMaxLength(2).IsFixedLength(false);
        // The attributor triple is the person's identity: matching across sources relies on it being unique.
        person.HasIndex(p => new { p.Initials, p.DateOfBirth, p.Sex }).IsUnique();
    }
}

public class ClientRecordConfiguration : IEntityTypeConfiguration<ClientRecord>
{
    public void Configure(EntityTypeBuilder<ClientRecord> client)
    {
        client.Property(c => c.Source).HasMaxLength(40);
        client.Property(c => c.ClientRef).HasMaxLength(40);
        client.Property(c => c.LocalAuthorityCode).HasMaxLength(9);
        client.Property(c => c.PostcodeDistrict).HasMaxLength(4);
        client.Property(c => c.NhsNumber).HasMaxLength(10);
        client.Property(c => c.GivenName).HasMaxLength(100);
        client.Property(c => c.FamilyName).HasMaxLength(100);
        client.HasIndex(c => new { c.Source, c.ClientRef }).IsUnique();
        client.HasIndex(c => c.NhsNumber);
        client.HasOne(c => c.Person).WithMany(p => p.ClientRecords).OnDelete(DeleteBehavior.Restrict);
        // No foreign key to LocalAuthority: bundles carry any well-formed ONS code, and the lookup
        // table only names the areas this deployment knows.
        client.HasIndex(c => c.LocalAuthorityCode);
    }
}
