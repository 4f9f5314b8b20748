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
    /// <summary>The member of staff the appointment is with: whose diary it is in. Older bookings have none and follow the key worker.</summary>
    public string? WorkerId { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelReason { get; set; }
    /// <summary>The booking this one replaced: rescheduling cancels the old one and books anew, so the history stays.</summary>
    public int? RescheduledFromId { get; set; }
}

public class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> appointment)
    {
        appointment.HasOne(a => a.Episode).WithMany().OnDelete(DeleteBehavior.Cascade);
        appointment.HasOne(a => a.Contact).WithMany().OnDelete(DeleteBehavior.SetNull);
        appointment.HasIndex(a => new { a.EpisodeId, a.Date });
        appointment.HasIndex(a => new { a.WorkerId, a.Date });
        // One contact closes one booking: a second booking pointing at the same contact would count it twice.
        appointment.HasIndex(a => a.ContactId).IsUnique();
        appointment.Property(a => a.WorkerId).HasMaxLength(450);
        appointment.Property(a => a.CancelReason).HasMaxLength(200);
    }
}
