// One Chromium at a time: on a 2-core CI runner, parallel browsers and hosts only make each test slower and flakier.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
