namespace BpfTools.Records;

/// <summary>Which interrupts: hardware (hardirqs) or software (softirqs).</summary>
public enum InterruptKind
{
    /// <summary>Hardware interrupt handlers (hardirqs), named by their action (virtio1-req.0, eth0).</summary>
    Hard,

    /// <summary>Software interrupts (softirqs): timer, net_rx, net_tx, block, sched, rcu...</summary>
    Soft,
}
