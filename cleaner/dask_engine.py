"""`cleaner clean --engine dask`: the local batch, its chunks cleaned by Dask workers.

The `cleaner clean` process stays the client: it plans the batch (the same safety checks),
reads the inputs, and writes every output atomically, in input order, with the same
--resume, failure reports and summary as a local run. Only the chunks of documents go to the
cluster, where workers run the local batch's own `batch_work.process_chunk`. So the outputs are
byte-identical to `--jobs 1`, and workers need cleaner installed but no access to the files.

Needs the `dask` extra (`pip install 'cleaner[dask]'`); nothing else in cleaner imports this
module or Dask.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError

from distributed import Client, Future, KilledWorker, LocalCluster

import cleaner
from cleaner.batch_plan import UsageError
from cleaner.batch_run import IN_FLIGHT_PER_WORKER, Marker, bound_heap_growth, in_order
from cleaner.batch_work import Outcome, Settings, Task, process_chunk
from cleaner.errors import EngineError

#: Seconds to wait for the scheduler named by --scheduler. Dask's own default is 30 s; a
#: wrong address should fail faster, and a reachable scheduler answers in milliseconds.
CONNECT_TIMEOUT = 10
#: Any free port on the loopback interface.
LOOPBACK_ANY = "127.0.0.1:0"


@contextlib.contextmanager
def dask_runner(scheduler: str | None, workers: int) -> Iterator[DaskRunner]:
    """A runner on the cluster at `scheduler`, or on a local cluster of `workers` processes
    started here and closed on exit. Raises UsageError when there is no usable cluster."""
    with contextlib.ExitStack() as stack:
        if scheduler is None:
            # One thread per process: cleaning is pure Python and holds the GIL. No
            # dashboard, and the scheduler's HTTP endpoints on a free loopback port rather
            # than 8787, which another cluster may hold. Worker logs only on errors.
            target: str | LocalCluster = stack.enter_context(LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True,
                dashboard_address=None, scheduler_kwargs={"dashboard_address": LOOPBACK_ANY},
                silence_logs=logging.ERROR))
        else:
            target = scheduler
        try:
            client = stack.enter_context(Client(target, timeout=CONNECT_TIMEOUT,
                                                set_as_default=False))
        except (OSError, TimeoutError, ValueError) as error:
            raise UsageError(f"cannot reach a Dask scheduler at {scheduler or 'the local cluster'}"
                             f" ({error}); check the address and that the scheduler is "
                             "running") from None
        _check_workers(client)
        yield DaskRunner(client)


def _check_workers(client: Client) -> None:
    """Refuse a cluster whose workers would clean differently or not at all: each must import
    this version of cleaner (workers that join later are not checked)."""
    try:
        versions = client.run(worker_version)
    except Exception as error:
        # A worker that cannot import cleaner fails to unpickle worker_version; Dask raises
        # that ModuleNotFoundError, or (distributed 2024.1) a bare Exception with its text.
        raise UsageError(f"a Dask worker cannot import cleaner ({error}); install cleaner "
                         f"{cleaner.__version__} on every worker") from None
    wrong = {worker: version for worker, version in versions.items()
             if version != cleaner.__version__}
    if wrong:
        worker, version = next(iter(wrong.items()))
        raise UsageError(f"Dask worker {worker} has cleaner {version}, not "
                         f"{cleaner.__version__}; install this version of cleaner on every "
                         f"worker ({len(wrong)} of {len(versions)} differ)")


def worker_version() -> str:
    """cleaner's version where this runs (on each worker, for _check_workers)."""
    return cleaner.__version__


class DaskRunner:
    """A batch_run.Runner that sends the chunks to Dask workers and hands the outcomes back in
    input order."""

    def __init__(self, client: Client) -> None:
        self.client = client

    @property
    def threads(self) -> int:
        """Worker threads on the cluster now (at least 1: workers may join later)."""
        return max(sum(self.client.nthreads().values()), 1)

    def describe(self) -> str:
        nthreads = self.client.nthreads()
        return (f"Dask scheduler {self.client.scheduler.address}: {len(nthreads)} workers, "
                f"{sum(nthreads.values())} threads")

    def __call__(self, items: Iterable[tuple[Marker, Task | None]], settings: Settings,
                 jobs: int) -> Iterator[tuple[Marker, Outcome | None]]:
        """Outcomes in input order, with a few chunks in flight for each of `jobs` worker
        threads (the `threads` of the cluster)."""
        bound_heap_growth()

        def submit(tasks: tuple[Task | None, ...]) -> Future:
            # pure=False: a chunk's key need not be a hash of its documents, which would
            # cost a pass over every payload and merge identical chunks.
            return self.client.submit(process_chunk, tasks, settings, pure=False)

        try:
            yield from in_order(items, submit, jobs * IN_FLIGHT_PER_WORKER)
        except (KilledWorker, CancelledError, OSError, TimeoutError) as error:
            raise EngineError(f"the Dask cluster failed during the batch ({type(error).__name__}:"
                              f" {error})") from error
