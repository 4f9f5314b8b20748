using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pathway.HarmReduction;

public class HarmReductionEventConfiguration : IEntityTypeConfiguration<HarmReductionEvent>
{
    public void Configure(EntityTypeBuilder<HarmReductionEvent> harm)
    {
        harm.HasOne(h => h.Episode).WithMany(e => e.HarmReductionEvents).OnDelete(DeleteBehavior.Cascade);
        harm.HasIndex(h => new { h.EpisodeId, h.Date });
        // Worklists and coverage figures (to come): who had a naloxone kit or a hepatitis C test, and when.
        harm.HasIndex(h => new { h.Kind, h.Date });
    }
}
