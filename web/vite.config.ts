// Builds the console into dist/, which zs-gateway serves with --static_dir.
// `npm run dev` proxies /v1 to a gateway (ZS_GATEWAY, default the one
// `./zs run` starts) so pages can be worked on with live data.
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { fileURLToPath, URL } from 'node:url'

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus as its docs' "on-demand import": only the components the
    // pages use reach the bundle, each with its own styles, so a page's CSS
    // comes with its code and the first paint waits for the frame's alone
    // (the whole theme is 360 kB and blocked the cockpit's first paint).
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: 'src/components.d.ts' }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    target: 'es2020',
    // ECharts is one 570 kB chunk (190 kB gzip) by design: charts load with the cockpit.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        // Libraries change less often than pages: their own chunks stay cached.
        manualChunks: {
          vue: ['vue', 'vue-router', 'vue-i18n'],
          echarts: ['echarts/core', 'echarts/charts', 'echarts/components', 'echarts/renderers', 'vue-echarts'],
        },
      },
    },
  },
  server: {
    proxy: { '/v1': process.env.ZS_GATEWAY ?? 'http://127.0.0.1:7100' },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
  },
})
