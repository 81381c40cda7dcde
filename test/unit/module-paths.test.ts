// Import sources resolve to workspace files through an index by base name; these pin the cases the
// wrapper links depend on.
import assert from 'node:assert/strict';
import { ModulePaths } from '../../src/engine/module-paths';

describe('module paths', () => {
  const paths = new ModulePaths(
    new Set([
      'services/api/llm.py',
      'services/api/pkg/__init__.py',
      'services/api/pkg/client.py',
      'other/llm.py',
      'web/src/lib/llm.ts',
      'web/src/lib/ai/index.ts',
      'web/src/app/route.ts',
      'web/src/mylib/llm.ts',
    ]),
  );

  it('resolves relative TS/JS paths with and without extensions and folder indexes', () => {
    assert.equal(paths.resolve('web/src/app/route.ts', '../lib/llm'), 'web/src/lib/llm.ts');
    assert.equal(paths.resolve('web/src/app/route.ts', '../lib/llm.js'), 'web/src/lib/llm.ts');
    assert.equal(paths.resolve('web/src/app/route.ts', '../lib/ai'), 'web/src/lib/ai/index.ts');
    assert.equal(paths.resolve('web/src/app/route.ts', './missing'), undefined);
  });

  it('resolves Python relative and absolute modules, from a root or any package folder', () => {
    assert.equal(paths.resolve('services/api/main.py', '.llm'), 'services/api/llm.py');
    assert.equal(paths.resolve('services/api/pkg/client.py', '..llm'), 'services/api/llm.py');
    assert.equal(paths.resolve('services/api/main.py', '.pkg'), 'services/api/pkg/__init__.py');
    assert.equal(paths.resolve('services/api/main.py', 'pkg.client'), 'services/api/pkg/client.py');
    assert.equal(paths.resolve('services/api/main.py', 'api.pkg'), 'services/api/pkg/__init__.py');
    assert.equal(paths.resolve('x.py', 'i_llm'), undefined, 'a suffix inside a name is not a module');
  });

  it('finds a one-name Python module beside the importer, in a folder above it, or in their src/, never in another package', () => {
    const layout = new ModulePaths(
      new Set([
        'app/tools/gen.py',
        'app/utils.py',
        'lib/src/helpers/__init__.py',
        'lib/tests/test_x.py',
        'framework/pkg/logging.py',
        'config.py',
      ]),
    );
    assert.equal(layout.resolve('app/tools/gen.py', 'utils'), 'app/utils.py', 'a folder above the script');
    assert.equal(layout.resolve('app/tools/gen.py', 'config'), 'config.py', 'the workspace root');
    assert.equal(layout.resolve('lib/tests/test_x.py', 'helpers'), 'lib/src/helpers/__init__.py', 'a src/ layout');
    assert.equal(layout.resolve('app/tools/gen.py', 'logging'), undefined, "the standard library's logging, not a package's own module");
    assert.equal(layout.resolve('framework/pkg/logging.py', 'logging'), 'framework/pkg/logging.py');
    assert.equal(layout.resolve('app/tools/gen.ts', 'utils'), undefined, 'a bare TS/JS specifier is no Python module');
  });

  it('resolves @/ aliases at a folder boundary only', () => {
    assert.equal(paths.resolve('web/src/app/route.ts', '@/lib/llm'), 'web/src/lib/llm.ts');
    assert.equal(paths.resolve('web/src/app/route.ts', '@/lib/ai'), 'web/src/lib/ai/index.ts');
    assert.equal(paths.resolve('web/src/app/route.ts', '@/nothing/here'), undefined);
  });
});
