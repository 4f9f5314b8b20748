using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathway.Episodes;

namespace Pathway.Appointments;

/// <summary>
/// A booked appointment. Planned appointments are not contacts: the exchange format's contacts.csv holds only
/// what happened (attended or not). Recording the outcome makes the <see cref="Contact"/> and links it here,
/// so the export never carries a plan.
/// </summary>
public class Appointment
{
    public int Id { get; set; }
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;
    public DateOnly Date { get; set; }
    public TimeOnly? Time { get; set; }
    public ContactChannel Channel { get; set; }
    public ContactKind Kind { get; set; }
    public int? ContactId { get; set; }
    public Contact? Contact { get; set; }
}

public class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> appointment)
    {
        appointment.HasOne(a => a.Episode).WithMany().OnDelete(DeleteBehavior.Cascade);
        appointment.HasOne(a => a.Contact).WithMany().OnDelete(DeleteBehavior.SetNull);
        appointment.HasIndex(a => new { a.EpisodeId, a.Date });
    }
}
