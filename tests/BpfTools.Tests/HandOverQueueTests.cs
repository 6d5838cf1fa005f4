using BpfTools.Runner;
using Xunit;

namespace BpfTools.Tests;

public class HandOverQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Items_come_out_in_order_and_the_enumeration_ends_once_completed_and_empty()
    {
        var queue = new HandOverQueue(4);
        Assert.True(queue.TryAdd("one"));
        queue.Add("two", CancellationToken.None);
        queue.CompleteAdding();
        Assert.Equal(["one", "two"], queue.GetConsumingEnumerable(CancellationToken.None));
    }

    [Fact]
    public void A_full_queue_refuses_TryAdd_and_Add_waits_until_the_consumer_takes_one()
    {
        var queue = new HandOverQueue(2);
        Assert.True(queue.TryAdd(1));
        Assert.True(queue.TryAdd(2));
        Assert.False(queue.TryAdd(3));
        var producer = Task.Run(() => queue.Add(3, CancellationToken.None));
        Assert.False(producer.Wait(TimeSpan.FromMilliseconds(100)), "Add must wait for room");

        using var taking = queue.GetConsumingEnumerable(CancellationToken.None).GetEnumerator();
        Assert.True(taking.MoveNext());
        Assert.Equal(1, taking.Current);
        Assert.True(producer.Wait(Patience), "taking one must make room");
        queue.CompleteAdding();
        var rest = new List<object>();
        while (taking.MoveNext())
        {
            rest.Add(taking.Current);
        }
        Assert.Equal([2, 3], rest);
    }

    [Fact]
    public void A_producer_waiting_for_room_goes_on_once_half_the_queue_is_free()
    {
        var queue = new HandOverQueue(4);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(queue.TryAdd(i));
        }
        var producer = Task.Run(() => queue.Add(4, CancellationToken.None));
        Assert.True(SpinWait.SpinUntil(() => queue.WaitingProducers == 1, Patience), "Add must wait for room");
        using var taking = queue.GetConsumingEnumerable(CancellationToken.None).GetEnumerator();
        Assert.True(taking.MoveNext());
        // One place free of four: woken now, it would add one item and wait again.
        Assert.False(producer.Wait(TimeSpan.FromMilliseconds(200)), "woken with one place free");
        Assert.True(taking.MoveNext());
        Assert.True(producer.Wait(Patience), "two places free of four must wake it");
    }

    [Fact]
    public void A_consumer_waiting_for_items_wakes_for_one_added_later()
    {
        var queue = new HandOverQueue(2);
        var consumer = Task.Run(() => queue.GetConsumingEnumerable(CancellationToken.None).ToList());
        Thread.Sleep(50);
        queue.Add("late", CancellationToken.None);
        queue.CompleteAdding();
        Assert.True(consumer.Wait(Patience));
        Assert.Equal(["late"], consumer.Result);
    }

    [Fact]
    public void Cancelling_wakes_a_waiting_consumer_and_a_waiting_producer()
    {
        var queue = new HandOverQueue(1);
        using var stopConsumer = new CancellationTokenSource();
        var consumer = Task.Run(() => queue.GetConsumingEnumerable(stopConsumer.Token).ToList());
        Thread.Sleep(50);
        stopConsumer.Cancel();
        Assert.IsAssignableFrom<OperationCanceledException>(Assert.Throws<AggregateException>(() => consumer.Wait(Patience)).InnerException);

        Assert.True(queue.TryAdd("fills it"));
        using var stopProducer = new CancellationTokenSource();
        var producer = Task.Run(() => queue.Add("no room", stopProducer.Token));
        Thread.Sleep(50);
        stopProducer.Cancel();
        Assert.IsAssignableFrom<OperationCanceledException>(Assert.Throws<AggregateException>(() => producer.Wait(Patience)).InnerException);
    }

    [Fact]
    public void Adding_after_completion_is_refused()
    {
        var queue = new HandOverQueue(1);
        queue.CompleteAdding();
        Assert.Throws<InvalidOperationException>(() => queue.TryAdd("late"));
        Assert.Throws<InvalidOperationException>(() => queue.Add("late", CancellationToken.None));
    }
}
