"""A worker process that dies mid-run (killed, out of memory): it is replaced, its batch runs again, and an
article that kills its worker each time becomes a worker_died error; every item is accounted for."""

import fake_workers
from veille.apps.workers import WorkerDied, WorkerPool
from veille.input.decode import RawArticle


class FakePool(WorkerPool):
    initializer = staticmethod(fake_workers.start)
    ready = staticmethod(fake_workers.ready)
    task = staticmethod(fake_workers.task)


def articles(texts):
    return [(RawArticle(text=text * 2000, id=str(n), source=str(n)), n) for n, text in enumerate(texts)]


def test_a_worker_killed_once_is_replaced_and_its_batch_runs_again(tmp_path):
    texts = ["t "] * 40
    texts[17] = f"KILL-ONCE {tmp_path / 'killed'} "
    with FakePool(None, 2) as pool:
        outcomes = list(pool.outcomes(articles(texts)))
    assert [context for _, context in outcomes] == list(range(40))
    assert all(isinstance(result, dict) for result, _ in outcomes) and pool.restarts == 1


def test_an_article_that_kills_its_worker_each_time_alone_is_a_worker_died_error(tmp_path):
    texts = ["t "] * 40
    texts[5] = "KILL-ALWAYS "
    texts[30] = f"KILL-ONCE {tmp_path / 'killed'} "
    with FakePool(None, 2) as pool:
        outcomes = list(pool.outcomes(articles(texts)))
    assert [context for _, context in outcomes] == list(range(40))
    failed = [context for result, context in outcomes if isinstance(result, WorkerDied)]
    assert failed == [5]
    assert all(isinstance(result, dict) for result, context in outcomes if context != 5)
