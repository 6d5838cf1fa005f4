namespace BpfTools.Runner;

/// <summary>
/// The bounded queue between the threads that read a tool's output and the pipeline thread: batches of records and
/// messages, in order. Either side that cannot go on (full, or empty) sleeps until the other wakes it.
/// </summary>
/// <remarks>
/// In place of BlockingCollection, whose SemaphoreSlim spins (sched_yield) before it sleeps: the pipeline thread
/// waits for every batch, and at moderate event rates that spinning was a tenth of what tracing cost the host
/// (perf on bench/host-cost's 20K events/s). A monitor's wait sleeps at once.
/// </remarks>
internal sealed class HandOverQueue
{
    private readonly Queue<object> _items = new();
    private readonly int _capacity;
    private bool _completed;
    private int _waitingProducers;

    /// <summary>A queue that holds at most <paramref name="capacity"/> items.</summary>
    public HandOverQueue(int capacity) => _capacity = capacity;

    /// <summary>How many producers wait for room now (for tests).</summary>
    internal int WaitingProducers
    {
        get
        {
            lock (_items)
            {
                return _waitingProducers;
            }
        }
    }

    /// <summary>Adds <paramref name="item"/> if there is room; false when the queue is full.</summary>
    /// <exception cref="InvalidOperationException">The queue was completed.</exception>
    public bool TryAdd(object item)
    {
        lock (_items)
        {
            if (_items.Count >= _capacity)
            {
                ThrowIfCompleted();
                return false;
            }
            Enqueue(item);
            return true;
        }
    }

    /// <summary>Adds <paramref name="item"/>, waiting for room.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was cancelled while waiting.</exception>
    /// <exception cref="InvalidOperationException">The queue was completed.</exception>
    public void Add(object item, CancellationToken cancel)
    {
        using var wake = cancel.Register(WakeAll);
        lock (_items)
        {
            while (_items.Count >= _capacity && !_completed)
            {
                cancel.ThrowIfCancellationRequested();
                _waitingProducers++;
                try
                {
                    Monitor.Wait(_items);
                }
                finally
                {
                    _waitingProducers--;
                }
            }
            Enqueue(item);
        }
    }

    /// <summary>No more items will come: the consumer ends once it has taken those queued.</summary>
    public void CompleteAdding()
    {
        lock (_items)
        {
            _completed = true;
            Monitor.PulseAll(_items);
        }
    }

    /// <summary>Takes the items in order, waiting for each, until the queue is completed and empty.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was cancelled.</exception>
    public IEnumerable<object> GetConsumingEnumerable(CancellationToken cancel)
    {
        using var wake = cancel.Register(WakeAll);
        while (Take(cancel) is { } item)
        {
            yield return item;
        }
    }

    private object? Take(CancellationToken cancel)
    {
        lock (_items)
        {
            while (_items.Count == 0)
            {
                cancel.ThrowIfCancellationRequested();
                if (_completed)
                {
                    return null;
                }
                Monitor.Wait(_items);
            }
            cancel.ThrowIfCancellationRequested();
            var item = _items.Dequeue();
            if (_waitingProducers > 0 && _items.Count <= _capacity / 2)
            {
                // Half empty: a waiting producer goes on, and has room for several items before it waits again
                // (woken at the first free place, it would wait and wake once per item).
                Monitor.PulseAll(_items);
            }
            return item;
        }
    }

    private void Enqueue(object item)
    {
        ThrowIfCompleted();
        _items.Enqueue(item);
        if (_items.Count == 1)
        {
            // The consumer may be waiting for an item.
            Monitor.PulseAll(_items);
        }
    }

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException("The queue was completed: nothing more can be added.");
        }
    }

    private void WakeAll()
    {
        lock (_items)
        {
            Monitor.PulseAll(_items);
        }
    }
}
